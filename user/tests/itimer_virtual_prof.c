// itimer_virtual_prof: ITIMER_VIRTUAL and ITIMER_PROF count CPU time: SIGVTALRM, SIGPROF
// lab: 3
//
// ITIMER_VIRTUAL runs down only while the process runs in user mode, ITIMER_PROF
// while it runs at all (user mode and the kernel on its behalf); at zero they send
// SIGVTALRM and SIGPROF and reload from it_interval. Sleeping uses no CPU time, so
// neither fires during a sleep. Counts are checked with margins.

#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "sigtest.h"

static volatile int vtalrm, prof;
static void on_vtalrm(int sig) { (void)sig; vtalrm++; }
static void on_prof(int sig) { (void)sig; prof++; }

static void set(int which, long value_ms, long interval_ms)
{
    struct itimerval it = { { interval_ms / 1000, interval_ms % 1000 * 1000 },
                            { value_ms / 1000, value_ms % 1000 * 1000 } };
    setitimer(which, &it, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGVTALRM, on_vtalrm);
    signal(SIGPROF, on_prof);

    set(ITIMER_VIRTUAL, 50, 0);
    sleep_ms(200);
    check("ITIMER_VIRTUAL 50 ms: nothing during a 200 ms sleep", vtalrm, 0);
    struct itimerval left;
    getitimer(ITIMER_VIRTUAL, &left);
    long left_ms = left.it_value.tv_sec * 1000 + left.it_value.tv_usec / 1000;
    check("getitimer: still armed, 35-60 ms left", left_ms >= 35 && left_ms <= 60, 1);
    long start = cpu_ms();
    while (!vtalrm && cpu_ms() - start < 1000)
        spin_cpu_ms(5);
    check("ITIMER_VIRTUAL: SIGVTALRM once we spin", vtalrm, 1);
    check("ITIMER_VIRTUAL: after 30-100 ms of CPU time", cpu_ms() - start >= 30 && cpu_ms() - start < 100, 1);
    getitimer(ITIMER_VIRTUAL, &left);
    check("a one-shot timer is off afterwards", left.it_value.tv_sec == 0 && left.it_value.tv_usec == 0, 1);

    set(ITIMER_PROF, 20, 20);
    spin_cpu_ms(200);
    set(ITIMER_PROF, 0, 0);
    check("ITIMER_PROF every 20 ms over 200 ms of CPU: 5 to 15 SIGPROF", prof >= 5 && prof <= 15, 1);
    int before = prof;
    sleep_ms(100);
    check("ITIMER_PROF off: no more", prof, before);
    return failures != 0;
}
