// default_terminate: terminating signals kill without a core: status 128 + N
// lab: 2
//
// Signals whose default action is to terminate kill the process without a core:
// the parent sees WIFSIGNALED with the signal number and WCOREDUMP false (a
// shell would report 128 + N). That covers SIGHUP, SIGINT, SIGKILL, SIGUSR1,
// SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT, SIGIO, SIGPROF, SIGVTALRM,
// SIGPWR and every real-time signal (32..64).

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

// 128 + signal for a death by signal, +1000 if it dumped core; the exit code
// if the child exited.
static int shell_status(int status)
{
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status) + (WCOREDUMP(status) ? 1000 : 0);
    return WEXITSTATUS(status);
}

static void one(const char *name, int sig)
{
    int status;
    char what[80];

    pid_t pid = fork_parking();
    if (pid == 0) {
        sigset_t empty;
        sigemptyset(&empty);
        signal(sig, SIG_DFL);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        park();
    }
    wait_parked();
    kill(pid, sig);
    waitpid(pid, &status, 0);
    snprintf(what, sizeof what, "%s (%d) terminates, status %d, no core", name, sig, 128 + sig);
    check(what, shell_status(status), 128 + sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    one("SIGHUP", SIGHUP);
    one("SIGINT", SIGINT);
    one("SIGKILL", SIGKILL);
    one("SIGUSR1", SIGUSR1);
    one("SIGUSR2", SIGUSR2);
    one("SIGPIPE", SIGPIPE);
    one("SIGALRM", SIGALRM);
    one("SIGTERM", SIGTERM);
    one("SIGSTKFLT", SIGSTKFLT);
    one("SIGIO", SIGIO);
    one("SIGPROF", SIGPROF);
    one("SIGVTALRM", SIGVTALRM);
    one("SIGPWR", SIGPWR);
    one("signal 32", 32);
    one("signal 33", 33);
    one("SIGRTMIN", SIGRTMIN);
    one("SIGRTMIN+10", SIGRTMIN + 10);
    one("SIGRTMAX", SIGRTMAX);
    return failures != 0;
}
