// kill_sig0: signal 0 probes for existence: live and zombie yes, reaped ESRCH
// lab: 1
//
// Signal 0 checks that a process exists without sending anything. It succeeds
// for ourselves, for a live child, and for a child that has exited but not yet
// been reaped (a zombie still exists); once reaped, the pid is gone: ESRCH for
// signal 0 and for real signals.
//
// We learn that the child has exited from SIGCHLD, kept blocked: it becomes
// pending when the child dies.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static int kill_result(pid_t pid, int sig)
{
    return kill(pid, sig) == -1 ? -errno : 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int p[2];

    signal(SIGCHLD, SIG_DFL);
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_SETMASK, &block, NULL);
    pipe(p);

    check("kill(getpid(), 0) succeeds", kill_result(getpid(), 0), 0);
    check("and makes nothing pending", is_pending(SIGCHLD) + is_pending(SIGUSR1), 0);

    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(p[0], &c, 1);      // live until the parent says go
        _exit(is_pending(SIGUSR1));
    }
    check("kill(live child, 0) succeeds", kill_result(pid, 0), 0);

    write(p[1], "g", 1);
    struct timespec ms = { 0, 1000000 };
    for (int i = 0; i < 5000 && !is_pending(SIGCHLD); i++)
        nanosleep(&ms, NULL);
    check("SIGCHLD pending: the child has exited", is_pending(SIGCHLD), 1);
    check("kill(zombie child, 0) succeeds", kill_result(pid, 0), 0);

    int status;
    waitpid(pid, &status, 0);
    check("signal 0 put nothing in the child's pending set", WEXITSTATUS(status), 0);
    check("kill(reaped child, 0) gives ESRCH", kill_result(pid, 0), -ESRCH);
    check("kill(reaped child, SIGUSR1) gives ESRCH", kill_result(pid, SIGUSR1), -ESRCH);
    return failures != 0;
}
