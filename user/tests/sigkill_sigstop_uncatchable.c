// sigkill_sigstop_uncatchable: the actions of SIGKILL and SIGSTOP cannot be changed
// lab: 2
//
// The actions of SIGKILL and SIGSTOP cannot be changed: rt_sigaction with any
// new action for them (a handler, SIG_IGN, even SIG_DFL) is EINVAL, while
// reading their action works and shows SIG_DFL. So a child that ignores and
// blocks everything it can is still stopped by SIGSTOP and killed by SIGKILL.
// Signal numbers 0 and 65 and a sigsetsize other than 8 are EINVAL too.

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static void handler(int sig)
{
    (void)sig;
}

static long ksigaction(int sig, const struct ksigaction *act, struct ksigaction *old, long size)
{
    long r = syscall(SYS_rt_sigaction, sig, act, old, size);
    return r == -1 ? -errno : r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct ksigaction act = { .handler = (void *)handler }, ign = { .handler = SIG_IGN };
    struct ksigaction dfl = { .handler = SIG_DFL }, old;
    int status;

    check("handler for SIGKILL: EINVAL", ksigaction(SIGKILL, &act, NULL, 8), -EINVAL);
    check("SIG_IGN for SIGKILL: EINVAL", ksigaction(SIGKILL, &ign, NULL, 8), -EINVAL);
    check("SIG_DFL for SIGKILL: EINVAL", ksigaction(SIGKILL, &dfl, NULL, 8), -EINVAL);
    check("handler for SIGSTOP: EINVAL", ksigaction(SIGSTOP, &act, NULL, 8), -EINVAL);
    check("SIG_IGN for SIGSTOP: EINVAL", ksigaction(SIGSTOP, &ign, NULL, 8), -EINVAL);
    old.handler = (void *)1;
    check("reading SIGKILL's action works", ksigaction(SIGKILL, NULL, &old, 8), 0);
    check("and it is SIG_DFL", old.handler == SIG_DFL, 1);
    check("signal 0: EINVAL", ksigaction(0, &act, NULL, 8), -EINVAL);
    check("signal 65: EINVAL", ksigaction(65, &act, NULL, 8), -EINVAL);
    check("reading signal 65: EINVAL", ksigaction(65, NULL, &old, 8), -EINVAL);
    check("sigsetsize 4: EINVAL", ksigaction(SIGUSR1, &act, NULL, 4), -EINVAL);
    check("sigsetsize 16: EINVAL", ksigaction(SIGUSR1, NULL, &old, 16), -EINVAL);

    pid_t pid = fork_parking();
    if (pid == 0) {
        sigset_t all;
        setpgid(0, 0);
        for (int sig = 1; sig <= 64; sig++)
            ksigaction(sig, &ign, NULL, 8);
        sigfillset(&all);
        sigprocmask(SIG_SETMASK, &all, NULL);
        park();
    }
    setpgid(pid, pid);
    wait_parked();
    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    check("SIGSTOP stops a child that ignores and blocks all", WIFSTOPPED(status), 1);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    check("SIGKILL kills it", WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGKILL);
    return failures != 0;
}
