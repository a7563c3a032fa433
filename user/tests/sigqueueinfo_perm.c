// sigqueueinfo_perm: rt_sigqueueinfo to another process refuses kernel and kill si_codes
// lab: 1
//
// rt_sigqueueinfo sends a caller-built siginfo. To another process, a si_code
// that claims the signal came from the kernel or from kill/tkill (si_code >= 0,
// or SI_TKILL) is refused with EPERM and nothing is sent; negative codes such
// as SI_QUEUE and SI_MESGQ pass. To oneself every code is accepted.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static long queueinfo(pid_t pid, int sig, int code)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    si.si_pid = getpid();
    long r = syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
    return r == -1 ? -errno : r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int p[2], status;
    pid_t self = getpid();

    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigaddset(&block, SIGRTMIN);
    sigprocmask(SIG_SETMASK, &block, NULL);

    // A child that keeps the signals blocked and reports what is pending.
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(p[0], &c, 1);
        _exit(is_pending(SIGUSR1) | is_pending(SIGUSR2) << 1 | is_pending(SIGRTMIN) << 2);
    }
    check("to a child with SI_USER gives EPERM", queueinfo(pid, SIGUSR1, SI_USER), -EPERM);
    check("to a child with SI_KERNEL gives EPERM", queueinfo(pid, SIGUSR1, SI_KERNEL), -EPERM);
    check("to a child with si_code 1 gives EPERM", queueinfo(pid, SIGUSR1, 1), -EPERM);
    check("to a child with SI_TKILL gives EPERM", queueinfo(pid, SIGUSR1, SI_TKILL), -EPERM);
    check("to a child with SI_QUEUE succeeds", queueinfo(pid, SIGUSR2, SI_QUEUE), 0);
    check("to a child with SI_MESGQ succeeds", queueinfo(pid, SIGRTMIN, SI_MESGQ), 0);
    write(p[1], "g", 1);
    waitpid(pid, &status, 0);
    check("child has SIGUSR2 and SIGRTMIN pending, not SIGUSR1", WEXITSTATUS(status), 6);

    check("to self with SI_USER succeeds", queueinfo(self, SIGUSR1, SI_USER), 0);
    check("to self with SI_KERNEL succeeds", queueinfo(self, SIGUSR2, SI_KERNEL), 0);
    check("to self with SI_TKILL succeeds", queueinfo(self, SIGRTMIN, SI_TKILL), 0);
    check("all three pending here",
          is_pending(SIGUSR1) + is_pending(SIGUSR2) + is_pending(SIGRTMIN), 3);

    signal(SIGUSR1, SIG_IGN);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGRTMIN, SIG_IGN);
    return failures != 0;
}
