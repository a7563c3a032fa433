// Every system call that takes a struct timespec checks it the same way (Linux's
// timespec64_valid): tv_nsec outside [0, 1e9) or a negative tv_sec is EINVAL, a bad
// pointer EFAULT, and a huge tv_sec is "practically forever" (saturated, not wrapped
// into a time in the past): such a wait still ends only by a signal.
// siglab: kern/timespec.h, used by nanosleep, clock_nanosleep, rt_sigtimedwait,
// ppoll, pselect6 and timer_settime. utimensat is the exception: a file time may be
// before 1970, so only its tv_nsec is checked.
#include "sigtest.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>

#define FILE_NAME "/tmp/timespec_limits.f"

struct kts { int64_t sec, nsec; };

static const struct kts bad[] = {
    { 0, -1 }, { 0, 1000000000 }, { -1, 0 }, { INT64_MIN, 0 }, { 1, INT64_MAX },
};

static void on_alarm(int sig) { (void)sig; }

// ret as -errno (the raw syscall's convention, so glibc and musl agree).
static long sys(long r) { return r < 0 ? -errno : r; }

static long call(const char *name, const void *ts)
{
    if (!strcmp(name, "nanosleep"))
        return sys(syscall(SYS_nanosleep, ts, 0));
    if (!strcmp(name, "clock_nanosleep"))
        return sys(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, ts, 0));
    if (!strcmp(name, "rt_sigtimedwait")) {
        uint64_t set = BIT(SIGUSR1);
        return sys(syscall(SYS_rt_sigtimedwait, &set, 0, ts, 8));
    }
    if (!strcmp(name, "ppoll"))
        return sys(syscall(SYS_ppoll, 0, 0, ts, 0, 8));
    if (!strcmp(name, "pselect6"))
        return sys(syscall(SYS_pselect6, 0, 0, 0, 0, ts, 0));
    return 0;
}

static const char *calls[] = {
    "nanosleep", "clock_nanosleep", "rt_sigtimedwait", "ppoll", "pselect6",
};

static void check_bad_values(void)
{
    char what[96];
    for (unsigned c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
        for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            snprintf(what, sizeof(what), "%s {%lld, %lld}", calls[c],
                     (long long)bad[i].sec, (long long)bad[i].nsec);
            check(what, call(calls[c], &bad[i]), -EINVAL);
        }
        snprintf(what, sizeof(what), "%s bad pointer", calls[c]);
        check(what, call(calls[c], (void *)1), -EFAULT);
    }
}

// A wait of INT64_MAX seconds is not a wait of no time: a 50 ms alarm ends it.
static void check_huge_waits(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, 0);
    struct kts forever = { INT64_MAX, 999999999 };
    const char *waits[] = { "nanosleep", "clock_nanosleep", "rt_sigtimedwait", "ppoll", "pselect6" };
    char what[96];
    for (unsigned c = 0; c < sizeof(waits) / sizeof(waits[0]); c++) {
        struct itimerval it = { { 0, 0 }, { 0, 50000 } };
        setitimer(ITIMER_REAL, &it, 0);
        snprintf(what, sizeof(what), "%s {INT64_MAX, 999999999} ends by SIGALRM", waits[c]);
        check(what, call(waits[c], &forever), -EINTR);
    }
}

// A POSIX timer armed for INT64_MAX seconds has not fired and reports a long time left.
static void check_huge_timer(void)
{
    timer_t t;
    struct sigevent ev;
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_NONE;
    check("timer_create", timer_create(CLOCK_MONOTONIC, &ev, &t), 0);
    struct itimerspec v = { { 0, 0 }, { INT64_MAX, 0 } }, now;
    check("timer_settime {INT64_MAX, 0}", timer_settime(t, 0, &v, 0), 0);
    timer_gettime(t, &now);
    check("timer_gettime: more than 100 years left", now.it_value.tv_sec > 100LL * 365 * 86400, 1);
    struct itimerspec badv = { { 0, -1 }, { 1, 0 } };
    check("timer_settime interval {0, -1}", timer_settime(t, 0, &badv, 0) < 0 ? errno : 0, EINVAL);
}

// A file time is a point, not a length: it may be before 1970 (only tv_nsec is
// checked), and stat gives it back as set.
static void set_mtime(const char *what, struct kts mtime, long want)
{
    struct kts times[2] = { { 0, (1L << 30) - 2 /* UTIME_OMIT */ }, mtime };
    check(what, sys(syscall(SYS_utimensat, AT_FDCWD, FILE_NAME, times, 0)), want);
}

static void check_utimensat(void)
{
    set_mtime("utimensat mtime {0, -1}", (struct kts){ 0, -1 }, -EINVAL);
    set_mtime("utimensat mtime {0, 1000000000}", (struct kts){ 0, 1000000000 }, -EINVAL);
    check("utimensat bad pointer",
          sys(syscall(SYS_utimensat, AT_FDCWD, FILE_NAME, (void *)1, 0)), -EFAULT);
    set_mtime("utimensat mtime {-1, 5}", (struct kts){ -1, 5 }, 0);
    struct stat st;
    stat(FILE_NAME, &st);
    check("stat: st_mtime -1", st.st_mtime, -1);
    check("stat: st_mtim.tv_nsec 5", st.st_mtim.tv_nsec, 5);
    set_mtime("utimensat mtime {-86400 * 365, 0}", (struct kts){ -86400 * 365, 0 }, 0);
    stat(FILE_NAME, &st);
    check("stat: st_mtime a year before 1970", st.st_mtime, -86400 * 365);
}

int main(void)
{
    setvbuf(stdout, 0, _IONBF, 0);
    int fd = open(FILE_NAME, O_CREAT | O_WRONLY, 0644);
    close(fd);
    check_bad_values();
    check_huge_waits();
    check_utimensat();
    check_huge_timer();
    unlink(FILE_NAME);
    return failures != 0;
}
