// tgsigqueueinfo: rt_tgsigqueueinfo queues a signal with its siginfo to one thread
// lab: 1
//
// rt_tgsigqueueinfo(tgid, tid, sig, info) is rt_sigqueueinfo for a given thread of
// a thread group: with a single-threaded process the thread is the process itself
// (tid == tgid == pid). The siginfo travels as given (si_code SI_QUEUE, si_value);
// a tid that is not in the group is ESRCH; tgid or tid <= 0 is EINVAL; forging a
// kernel-style si_code (>= 0) or SI_TKILL for another process is EPERM.

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static long tgsigqueueinfo(pid_t tgid, pid_t tid, int sig, int code, int value)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = value;
    errno = 0;
    return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &si);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    pid_t me = getpid();

    check("to ourselves: 0", tgsigqueueinfo(me, me, SIGRTMIN + 2, SI_QUEUE, 31337), 0);
    siginfo_t si;
    check("it is pending, and sigwaitinfo takes it", sigwaitinfo(&rt, &si), SIGRTMIN + 2);
    check("  si_code SI_QUEUE", si.si_code, SI_QUEUE);
    check("  si_value 31337", si.si_value.sival_int, 31337);
    check("  si_pid ours", si.si_pid == me, 1);

    pid_t child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    check("tid not in the group (child's tid, our tgid): ESRCH",
          tgsigqueueinfo(me, child, SIGUSR1, SI_QUEUE, 1) == -1 && errno == ESRCH, 1);
    check("tgid 0: EINVAL", tgsigqueueinfo(0, me, SIGUSR1, SI_QUEUE, 1) == -1 && errno == EINVAL, 1);
    check("tid -1: EINVAL", tgsigqueueinfo(me, -1, SIGUSR1, SI_QUEUE, 1) == -1 && errno == EINVAL, 1);
    check("si_code SI_USER to another process: EPERM",
          tgsigqueueinfo(child, child, SIGUSR1, SI_USER, 1) == -1 && errno == EPERM, 1);
    check("signal 65: EINVAL", tgsigqueueinfo(me, me, 65, SI_QUEUE, 1) == -1 && errno == EINVAL, 1);
    check("SI_QUEUE to the child: 0", tgsigqueueinfo(child, child, SIGTERM, SI_QUEUE, 1), 0);
    int status;
    waitpid(child, &status, 0);
    check("  and it died of it", WIFSIGNALED(status) ? WTERMSIG(status) : 0, SIGTERM);
    errno = 0;
    check("siginfo at 0x8: EFAULT",
          syscall(SYS_rt_tgsigqueueinfo, me, me, SIGUSR1, (void *)8) == -1 && errno == EFAULT, 1);
    return failures != 0;
}
