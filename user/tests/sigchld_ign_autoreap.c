// sigchld_ign_autoreap: SIGCHLD set to SIG_IGN: children reap themselves, no SIGCHLD at all
// lab: 2
//
// With SIGCHLD set to SIG_IGN, children that exit are reaped at once and never
// become zombies: wait() blocks until they are all gone and then fails with
// ECHILD. No SIGCHLD is sent for them at all, not even into a blocked, pending
// set. (SIG_DFL, although it also ignores SIGCHLD, keeps zombies.)

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int status;

    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_SETMASK, &block, NULL);

    signal(SIGCHLD, SIG_IGN);
    for (int i = 0; i < 3; i++)
        if (fork() == 0)
            _exit(7);
    errno = 0;
    check("SIG_IGN: wait() fails", wait(&status), -1);
    check("with ECHILD", errno, ECHILD);
    check("SIG_IGN: no SIGCHLD pending, though blocked", is_pending(SIGCHLD), 0);

    signal(SIGCHLD, SIG_DFL);
    pid_t pid = fork();
    if (pid == 0)
        _exit(7);
    check("SIG_DFL: wait() returns the child", wait(&status) == pid, 1);
    check("with its exit code", WEXITSTATUS(status), 7);
    check("SIG_DFL: SIGCHLD pending (blocked)", is_pending(SIGCHLD), 1);
    return failures != 0;
}
