// sigtimedwait_timeout: sigtimedwait's timeout (EAGAIN) and argument checks (EINVAL)
// lab: 2
//
// sigtimedwait with nothing pending waits for the timeout and fails with EAGAIN
// (a zero timeout fails at once); a timeout with tv_nsec outside 0..999999999
// or a negative tv_sec is EINVAL; a sigsetsize other than 8 is EINVAL. A
// pending signal that is not in the set is left alone.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long raw_timedwait(const sigset_t *set, const struct timespec *ts, long size)
{
    siginfo_t info;
    long r = syscall(SYS_rt_sigtimedwait, set, &info, ts, size);
    return r == -1 ? -errno : r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t wait_for, block;
    struct timespec zero = { 0, 0 }, t100 = { 0, 100000000 };
    struct timespec bad_ns = { 0, 1000000000 }, neg_ns = { 0, -1 }, neg_s = { -1, 0 };

    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_SETMASK, &block, NULL);
    kill(getpid(), SIGUSR2);                // pending, but not waited for
    sigemptyset(&wait_for);
    sigaddset(&wait_for, SIGUSR1);

    long start = now_ms();
    check("zero timeout: EAGAIN", raw_timedwait(&wait_for, &zero, 8), -EAGAIN);
    check("zero timeout: at once", now_ms() - start < 50, 1);
    start = now_ms();
    check("100 ms timeout: EAGAIN", raw_timedwait(&wait_for, &t100, 8), -EAGAIN);
    check("100 ms timeout: waited at least 100 ms", now_ms() - start >= 100, 1);
    check("tv_nsec 1000000000: EINVAL", raw_timedwait(&wait_for, &bad_ns, 8), -EINVAL);
    check("tv_nsec -1: EINVAL", raw_timedwait(&wait_for, &neg_ns, 8), -EINVAL);
    check("tv_sec -1: EINVAL", raw_timedwait(&wait_for, &neg_s, 8), -EINVAL);
    check("sigsetsize 4: EINVAL", raw_timedwait(&wait_for, &zero, 4), -EINVAL);
    check("SIGUSR2 (not in the set) still pending", is_pending(SIGUSR2), 1);

    signal(SIGUSR2, SIG_IGN);
    return failures != 0;
}
