// restart_clock_nanosleep: clock_nanosleep returns EINTR after a handler, SA_RESTART or not
// lab: 5
//
// clock_nanosleep() interrupted by a caught signal returns EINTR (as its return
// value, not through errno), with or without SA_RESTART. A relative sleep
// writes the time left into *rem; an absolute one (TIMER_ABSTIME) leaves *rem
// alone, since sleeping again to the same deadline is the way to resume.
//
// Sleeps of 2 s; a child sends the signal after 100 ms.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static volatile sig_atomic_t handled;

static void handler(int sig)
{
    (void)sig;
    handled++;
}

static void round_(const char *name, int flags, int absolute)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    struct timespec req = { 2, 0 }, rem = { 77, 77 };
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    if (absolute) {
        clock_gettime(CLOCK_MONOTONIC, &req);
        req.tv_sec += 2;
    }
    handled = 0;
    pid_t pid = signal_later(SIGUSR1);
    int r = clock_nanosleep(CLOCK_MONOTONIC, absolute ? TIMER_ABSTIME : 0, &req, &rem);
    snprintf(what, sizeof what, "%s: returns EINTR", name);
    check(what, r, EINTR);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
    if (absolute) {
        snprintf(what, sizeof what, "%s: rem untouched", name);
        check(what, rem.tv_sec == 77 && rem.tv_nsec == 77, 1);
    } else {
        long left_ms = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
        snprintf(what, sizeof what, "%s: rem is the time left (1 s .. 2 s)", name);
        check(what, left_ms > 1000 && left_ms < 2000, 1);
    }
    waitpid(pid, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    round_("relative, without SA_RESTART", 0, 0);
    round_("relative, with SA_RESTART", SA_RESTART, 0);
    round_("TIMER_ABSTIME, without SA_RESTART", 0, 1);
    round_("TIMER_ABSTIME, with SA_RESTART", SA_RESTART, 1);
    return failures != 0;
}
