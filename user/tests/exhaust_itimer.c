// exhaust_itimer: an interval timer at its smallest interval, with a handler, for seconds
// lab: 3
//
// setitimer(ITIMER_REAL) with a 1 us interval asks for more SIGALRMs than can be
// handled. Linux's high-resolution timer sends them as fast as the process can
// take them: on this test's host, about 16,000 a second, and the process's own
// code never runs again (each sigreturn finds the next SIGALRM already pending).
// siglab's 100 Hz tick checks the deadline, so it sends one per tick, as a Linux
// without high-resolution timers would. What must hold on both: the handler runs
// again and again, the rest of the machine keeps running - the parent here reads
// the handler's reports through a pipe - and SIGKILL still ends the process.
//
// The run is 10 s of time in siglab, where -icount makes it cheap (the child
// sleeps in pause() between signals and idle time is skipped), and 1 s natively,
// where a second holds far more signals than siglab's ten.

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"
#include "exhaust.h"

static int report_fd;

static void on_alarm(int sig)
{
    (void)sig;
    write(report_fd, "a", 1);   // non-blocking: a full pipe loses reports, not time
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static _Noreturn void alarm_storm(int fd)
{
    report_fd = fd;
    struct sigaction sa = { .sa_handler = on_alarm };
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval tiny = { { 0, 1 }, { 0, 1 } };
    setitimer(ITIMER_REAL, &tiny, NULL);
    for (;;)
        pause();
}

static int storm(void)
{
    long seconds = in_siglab() ? 10 : 1;
    int p[2];
    pipe(p);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    pid_t child = fork();
    if (child == 0)
        alarm_storm(p[1]);
    close(p[1]);

    long reports = 0, end = now_ms() + seconds * 1000;
    char buf[4096];
    while (now_ms() < end) {
        struct pollfd pfd = { p[0], POLLIN, 0 };
        if (poll(&pfd, 1, 100) > 0) {
            ssize_t n = read(p[0], buf, sizeof buf);
            reports += n > 0 ? n : 0;
        }
    }
    check("the handler ran at least 80 times a second", reports >= 80 * seconds, 1);
    check("meanwhile this process ran: its poll loop is done", now_ms() >= end, 1);
    check("SIGKILL ends the storm", kill(child, SIGKILL), 0);
    int status;
    waitpid(child, &status, 0);
    check("the child: killed by SIGKILL", WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGKILL);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    return run_scenario("ITIMER_REAL at 1 us with a handler", storm);
}
