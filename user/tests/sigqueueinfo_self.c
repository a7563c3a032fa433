// sigqueueinfo_self: rt_sigqueueinfo to oneself delivers the siginfo exactly as written
// lab: 2
//
// A siginfo sent to oneself with rt_sigqueueinfo arrives exactly as written:
// si_code (even SI_USER, SI_KERNEL or SI_TKILL), the forged si_pid, si_uid and
// si_value.

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static void queueinfo(int sig, int code, int pid, int uid, int value)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    si.si_pid = pid;
    si.si_uid = uid;
    si.si_value.sival_int = value;
    syscall(SYS_rt_sigqueueinfo, getpid(), sig, &si);
}

static void expect(const char *name, int code, int pid, int uid, int value)
{
    sigset_t set;
    siginfo_t info;
    struct timespec zero = { 0, 0 };
    char what[80];

    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    memset(&info, 0, sizeof info);
    snprintf(what, sizeof what, "%s: dequeued", name);
    // The raw call: glibc's sigtimedwait() rewrites si_code SI_TKILL to SI_USER.
    check(what, syscall(SYS_rt_sigtimedwait, &set, &info, &zero, 8), SIGRTMIN);
    snprintf(what, sizeof what, "%s: si_signo", name);
    check(what, info.si_signo, SIGRTMIN);
    snprintf(what, sizeof what, "%s: si_code", name);
    check(what, info.si_code, code);
    snprintf(what, sizeof what, "%s: si_pid as written", name);
    check(what, info.si_pid, pid);
    snprintf(what, sizeof what, "%s: si_uid as written", name);
    check(what, info.si_uid, uid);
    snprintf(what, sizeof what, "%s: si_value as written", name);
    check(what, info.si_value.sival_int, value);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;

    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN);
    sigprocmask(SIG_SETMASK, &block, NULL);

    queueinfo(SIGRTMIN, SI_QUEUE, 4242, 7, 1001);
    queueinfo(SIGRTMIN, SI_USER, 4343, 8, 1002);
    queueinfo(SIGRTMIN, SI_KERNEL, 0, 0, 1003);
    queueinfo(SIGRTMIN, SI_TKILL, 1, 2, 1004);
    expect("SI_QUEUE", SI_QUEUE, 4242, 7, 1001);
    expect("SI_USER", SI_USER, 4343, 8, 1002);
    expect("SI_KERNEL", SI_KERNEL, 0, 0, 1003);
    expect("SI_TKILL", SI_TKILL, 1, 2, 1004);
    return failures != 0;
}
