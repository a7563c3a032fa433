// cputime_usage: getrusage, times and CLOCK_PROCESS_CPUTIME_ID count CPU time, not sleep
// lab: 0
//
// The kernel keeps how much CPU time each process used, in user mode (utime) and
// in the kernel (stime). A loop that spins for 200 ms of CPU time shows up in
// getrusage(RUSAGE_SELF), times() and CLOCK_PROCESS_CPUTIME_ID; a 100 ms sleep
// does not. A child's time reaches the parent when it is reaped: in wait4's
// rusage and in RUSAGE_CHILDREN. Times are compared with margins, never exactly.

#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static long tv_ms(struct timeval tv)
{
    return tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rusage ru;

    long before = cpu_ms();
    spin_cpu_ms(200);
    long spun = cpu_ms() - before;
    check("CLOCK_PROCESS_CPUTIME_ID: 200 ms of spinning, 200-260 ms", spun >= 200 && spun < 260, 1);
    check("getrusage(RUSAGE_SELF) returns 0", getrusage(RUSAGE_SELF, &ru), 0);
    // User + system time, as for the child below: Linux splits a process's CPU time
    // between the two in proportion to tick samples, and a busy host's samples can
    // land mostly in system time (CI once saw ru_utime under 150 ms for this spin).
    check("ru_utime + ru_stime at least 150 ms", tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime) >= 150, 1);
    struct tms t;
    clock_t now = times(&t);
    check("times() does not fail", now != (clock_t)-1, 1);
    check("tms_utime + tms_stime at least 15 ticks", t.tms_utime + t.tms_stime >= 15, 1);

    before = cpu_ms();
    sleep_ms(100);
    check("a 100 ms sleep costs under 20 ms of CPU time", cpu_ms() - before < 20, 1);

    pid_t pid = fork();
    if (pid == 0) {
        spin_cpu_ms(100);
        _exit(0);
    }
    struct rusage child;
    int status;
    check("wait4 with rusage reaps the child", wait4(pid, &status, 0, &child), pid);
    // The child's user + system time: on a busy Linux host the tick-sampled split
    // between the two can put nearly all of a short spin in system time.
    check("wait4's rusage: the child's 100 ms (at least 80)",
          tv_ms(child.ru_utime) + tv_ms(child.ru_stime) >= 80, 1);
    getrusage(RUSAGE_CHILDREN, &ru);
    check("RUSAGE_CHILDREN has them too", tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime) >= 80, 1);
    times(&t);
    check("tms_cutime + tms_cstime at least 8 ticks", t.tms_cutime + t.tms_cstime >= 8, 1);
    errno = 0;
    check("getrusage(5): EINVAL", getrusage(5, &ru) == -1 && errno == EINVAL, 1);
    return failures != 0;
}
