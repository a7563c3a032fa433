// pidfd_send_signal: signal a process through its pidfd, with or without a siginfo
// lab: 1
//
// pidfd_send_signal(fd, sig, NULL, 0) is kill(pid, sig): the target sees SI_USER and
// the sender's pid. With a siginfo it is rt_sigqueueinfo: the siginfo arrives as
// given (si_code, si_pid, si_uid, si_value), but only to itself may a process send
// si_code >= 0 (SI_USER, SI_KERNEL) or SI_TKILL: to another process that is EPERM.
// The siginfo's si_signo must be sig (EINVAL), flags must be 0 here (EINVAL), and a
// descriptor that is not a pidfd is EBADF.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static int pidfd_open(pid_t pid, unsigned flags)
{
    return syscall(SYS_pidfd_open, pid, flags);
}

static int pidfd_send_signal(int fd, int sig, siginfo_t *info, unsigned flags)
{
    return syscall(SYS_pidfd_send_signal, fd, sig, info, flags);
}

static siginfo_t make_info(int sig, int code, pid_t pid, int value)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = sig;
    si.si_code = code;
    si.si_pid = pid;
    si.si_uid = 77;
    si.si_value.sival_int = value;
    return si;
}

struct report {
    int signo, code, pid, uid, value;
};

// The child takes two signals with sigwaitinfo and sends back what it saw.
static void child(int ready, int out)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN);
    write(ready, "r", 1);
    for (int i = 0; i < 2; i++) {
        siginfo_t si;
        struct report r = { 0 };
        if (syscall(SYS_rt_sigtimedwait, &set, &si, NULL, 8) > 0)
            r = (struct report){ si.si_signo, si.si_code, si.si_pid, (int)si.si_uid,
                                 si.si_code == SI_QUEUE ? si.si_value.sival_int : 0 };
        write(out, &r, sizeof(r));
    }
    _exit(0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, NULL);     /* the child inherits the mask */
    int ready[2], out[2];
    pipe(ready);
    pipe(out);
    pid_t pid = fork();
    if (pid == 0)
        child(ready[1], out[1]);
    char c;
    read(ready[0], &c, 1);
    int fd = pidfd_open(pid, 0);

    struct report r;
    check("SIGUSR1 without a siginfo: 0", pidfd_send_signal(fd, SIGUSR1, NULL, 0), 0);
    read(out[0], &r, sizeof(r));
    check("the child got SIGUSR1", r.signo, SIGUSR1);
    check("si_code SI_USER", r.code, SI_USER);
    check("si_pid is ours", r.pid, getpid());
    check("si_uid is ours", r.uid, (int)getuid());

    siginfo_t si = make_info(SIGRTMIN, SI_QUEUE, 4242, 31337);
    check("SIGRTMIN with an SI_QUEUE siginfo: 0", pidfd_send_signal(fd, SIGRTMIN, &si, 0), 0);
    read(out[0], &r, sizeof(r));
    check("the child got SIGRTMIN", r.signo, SIGRTMIN);
    check("si_code SI_QUEUE", r.code, SI_QUEUE);
    check("si_pid as we wrote it", r.pid, 4242);
    check("si_uid as we wrote it", r.uid, 77);
    check("si_value 31337", r.value, 31337);

    si = make_info(SIGUSR1, SI_USER, getpid(), 0);
    errno = 0;
    check("SI_USER siginfo to another process: -1", pidfd_send_signal(fd, SIGUSR1, &si, 0), -1);
    check("EPERM", errno, EPERM);
    si = make_info(SIGUSR1, SI_TKILL, getpid(), 0);
    errno = 0;
    check("SI_TKILL siginfo to another process: EPERM",
          pidfd_send_signal(fd, SIGUSR1, &si, 0) == -1 && errno == EPERM, 1);
    si = make_info(SIGUSR1, SI_KERNEL, getpid(), 0);
    errno = 0;
    check("SI_KERNEL siginfo to another process: EPERM",
          pidfd_send_signal(fd, SIGUSR1, &si, 0) == -1 && errno == EPERM, 1);
    si = make_info(SIGUSR2, SI_QUEUE, getpid(), 0);
    errno = 0;
    check("si_signo SIGUSR2 for sig SIGUSR1: -1", pidfd_send_signal(fd, SIGUSR1, &si, 0), -1);
    check("EINVAL", errno, EINVAL);
    si = make_info(65, SI_QUEUE, getpid(), 0);
    errno = 0;
    check("signal 65: EINVAL", pidfd_send_signal(fd, 65, &si, 0) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("flags 8: EINVAL", pidfd_send_signal(fd, SIGUSR1, NULL, 8) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("siginfo at address 8: EFAULT",
          pidfd_send_signal(fd, SIGUSR1, (siginfo_t *)8, 0) == -1 && errno == EFAULT, 1);
    errno = 0;
    check("a pipe is not a pidfd: EBADF",
          pidfd_send_signal(out[0], SIGUSR1, NULL, 0) == -1 && errno == EBADF, 1);
    errno = 0;
    check("a closed descriptor: EBADF",
          pidfd_send_signal(60, SIGUSR1, NULL, 0) == -1 && errno == EBADF, 1);
    errno = 0;
    check("flags are checked before the descriptor: EINVAL",
          pidfd_send_signal(60, SIGUSR1, NULL, 8) == -1 && errno == EINVAL, 1);

    int self = pidfd_open(getpid(), 0);
    si = make_info(SIGUSR1, SI_USER, 999, 0);
    check("to ourselves, any si_code goes: 0", pidfd_send_signal(self, SIGUSR1, &si, 0), 0);
    siginfo_t got;
    struct timespec zero = { 0, 0 };
    check("we take SIGUSR1", syscall(SYS_rt_sigtimedwait, &set, &got, &zero, 8), SIGUSR1);
    check("with si_pid 999 as written", got.si_pid, 999);

    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    return failures != 0;
}
