// orphaned_pgrp_stop: SIGTSTP/SIGTTIN/SIGTTOU do not stop an orphaned process group; SIGSTOP does
// lab: 2
//
// In an orphaned process group (no member has a parent in another group of the
// same session) the terminal stop signals SIGTSTP, SIGTTIN and SIGTTOU do not
// stop the process: their default action is discarded, and the process carries
// on. SIGSTOP still stops it.
//
// The child calls setsid(): it is then alone in a new session and a new
// process group, and its parent (us) is in another session, so its group is
// orphaned from the start, whatever the harness around us looks like.

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int status;

    pid_t pid = fork();
    if (pid == 0) {
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        signal(SIGTSTP, SIG_DFL);
        signal(SIGTTIN, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
        if (setsid() < 0)
            _exit(10);
        kill(getpid(), SIGTSTP);
        kill(getpid(), SIGTTIN);
        kill(getpid(), SIGTTOU);
        kill(getpid(), SIGSTOP);    // this one stops us until the parent's SIGCONT
        _exit(0);
    }

    pid_t r = waitpid(pid, &status, WUNTRACED);
    check("first state change is a stop", r == pid && WIFSTOPPED(status), 1);
    check("by SIGSTOP: SIGTSTP, SIGTTIN, SIGTTOU did not stop it", WSTOPSIG(status), SIGSTOP);
    kill(pid, SIGCONT);
    waitpid(pid, &status, 0);
    check("child carried on and exited 0",
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), 0);
    return failures != 0;
}
