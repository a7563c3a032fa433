// stopped_child_signals: a stopped process acts on SIGTERM only once continued; SIGKILL at once
// lab: 2
//
// A stopped process does not act on ordinary signals: a SIGTERM sent while it
// is stopped waits until SIGCONT resumes it, and then kills it. SIGKILL does
// not wait: it kills a stopped process at once.

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static pid_t stopped_child(void)
{
    int status;

    pid_t pid = fork_parking();
    if (pid == 0) {
        sigset_t empty;
        sigemptyset(&empty);
        setpgid(0, 0);
        signal(SIGTERM, SIG_DFL);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        park();
    }
    setpgid(pid, pid);
    wait_parked();
    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    return pid;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct timespec pause_50ms = { 0, 50000000 };
    int status;

    pid_t pid = stopped_child();
    kill(pid, SIGTERM);
    nanosleep(&pause_50ms, NULL);
    check("SIGTERM to a stopped child: still there 50 ms later",
          waitpid(pid, &status, WNOHANG), 0);
    kill(pid, SIGCONT);
    waitpid(pid, &status, 0);
    check("after SIGCONT the pending SIGTERM kills it",
          WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGTERM);

    pid = stopped_child();
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    check("SIGKILL kills a stopped child without SIGCONT",
          WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGKILL);
    return failures != 0;
}
