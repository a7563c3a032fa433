// sa_nocldstop: SA_NOCLDSTOP: no SIGCHLD for a child's stop or continue, only its death
// lab: 2
//
// With SA_NOCLDSTOP on the SIGCHLD action, a child stopping or continuing sends
// no SIGCHLD (waitpid still reports both); its death still does.

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static void on_sigchld(int sig)
{
    (void)sig;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = on_sigchld, .sa_flags = SA_NOCLDSTOP };
    sigset_t block;
    siginfo_t info;
    int status;

    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_SETMASK, &block, NULL);     // the handler never runs
    sigaction(SIGCHLD, &sa, NULL);
    pid_t pid = fork_parking();
    if (pid == 0) {
        setpgid(0, 0);
        park();
    }
    setpgid(pid, pid);
    wait_parked();

    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    check("waitpid reports the stop", WIFSTOPPED(status), 1);
    check("no SIGCHLD for the stop", is_pending(SIGCHLD), 0);
    kill(pid, SIGCONT);
    waitpid(pid, &status, WCONTINUED);
    check("waitpid reports the continue", WIFCONTINUED(status), 1);
    check("no SIGCHLD for the continue", is_pending(SIGCHLD), 0);

    kill(pid, SIGTERM);
    check("SIGCHLD for the death", sigwaitinfo(&block, &info), SIGCHLD);
    check("with CLD_KILLED", info.si_code, CLD_KILLED);
    waitpid(pid, &status, 0);
    return failures != 0;
}
