// setitimer_interval: an interval ITIMER_REAL re-arms itself until disarmed
// lab: 2
//
// An ITIMER_REAL with an interval re-arms itself after each expiry: three
// SIGALRMs arrive (each with si_code SI_KERNEL). getitimer reports the interval
// exactly as set and a value no larger than it; setting a zero value disarms
// the timer and returns the old setting, and no SIGALRM comes after that.
//
// SIGALRM stays blocked; sigwaitinfo takes each one as it arrives.

#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "sigtest.h"

#define INTERVAL_US 100000

static long usec(struct timeval tv)
{
    return tv.tv_sec * 1000000L + tv.tv_usec;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct itimerval it = { { 0, INTERVAL_US }, { 0, INTERVAL_US } }, now, old;
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    sigset_t block;
    siginfo_t info;
    char what[64];

    signal(SIGALRM, SIG_DFL);
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_SETMASK, &block, NULL);

    getitimer(ITIMER_REAL, &now);
    check("getitimer before: disarmed", usec(now.it_value) + usec(now.it_interval), 0);
    check("setitimer succeeds", setitimer(ITIMER_REAL, &it, NULL), 0);
    getitimer(ITIMER_REAL, &now);
    check("getitimer interval is exactly 100 ms", usec(now.it_interval), INTERVAL_US);
    check("getitimer value is in (0, 100 ms]",
          usec(now.it_value) > 0 && usec(now.it_value) <= INTERVAL_US, 1);

    for (int i = 1; i <= 3; i++) {
        snprintf(what, sizeof what, "SIGALRM #%d", i);
        check(what, sigwaitinfo(&block, &info), SIGALRM);
        snprintf(what, sizeof what, "SIGALRM #%d has si_code SI_KERNEL", i);
        check(what, info.si_code, SI_KERNEL);
    }
    setitimer(ITIMER_REAL, &off, &old);
    check("disarming returned the old interval", usec(old.it_interval), INTERVAL_US);
    check("and an old value in (0, 100 ms]",
          usec(old.it_value) > 0 && usec(old.it_value) <= INTERVAL_US, 1);
    getitimer(ITIMER_REAL, &now);
    check("getitimer after disarming: zero value", usec(now.it_value), 0);
    check("getitimer after disarming: zero interval", usec(now.it_interval), 0);

    // Two more intervals' worth of waiting: nothing more arrives.
    sleep_ms(2 * INTERVAL_US / 1000);
    check("no SIGALRM after disarming", is_pending(SIGALRM), 0);
    return failures != 0;
}
