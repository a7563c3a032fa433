// sigchld_stop_continue: SIGCHLD with CLD_STOPPED and CLD_CONTINUED when a child stops and goes on
// lab: 2
//
// A child that stops sends its parent SIGCHLD with si_code CLD_STOPPED and
// si_status = the stop signal; when it continues, SIGCHLD with CLD_CONTINUED
// and si_status SIGCONT; when it is killed, CLD_KILLED. si_pid is always the
// child.
//
// SIGCHLD stays blocked and sigwaitinfo takes each one. The child has its own
// process group (not orphaned: we are in the same session).

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static void expect_sigchld(const char *name, pid_t pid, int code, int status)
{
    sigset_t set;
    siginfo_t info;
    char what[80];

    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    snprintf(what, sizeof what, "%s: SIGCHLD", name);
    check(what, sigwaitinfo(&set, &info), SIGCHLD);
    snprintf(what, sizeof what, "%s: si_code", name);
    check(what, info.si_code, code);
    snprintf(what, sizeof what, "%s: si_status", name);
    check(what, info.si_status, status);
    snprintf(what, sizeof what, "%s: si_pid is the child", name);
    check(what, info.si_pid == pid, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int status;

    signal(SIGCHLD, SIG_DFL);
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_SETMASK, &block, NULL);
    pid_t pid = fork_parking();
    if (pid == 0) {
        sigset_t empty;
        sigemptyset(&empty);
        setpgid(0, 0);
        signal(SIGTSTP, SIG_DFL);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        park();
    }
    setpgid(pid, pid);
    wait_parked();

    kill(pid, SIGSTOP);
    expect_sigchld("SIGSTOP", pid, CLD_STOPPED, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    kill(pid, SIGCONT);
    expect_sigchld("SIGCONT", pid, CLD_CONTINUED, SIGCONT);
    waitpid(pid, &status, WCONTINUED);
    kill(pid, SIGTSTP);
    expect_sigchld("SIGTSTP", pid, CLD_STOPPED, SIGTSTP);
    waitpid(pid, &status, WUNTRACED);
    kill(pid, SIGKILL);
    expect_sigchld("SIGKILL while stopped", pid, CLD_KILLED, SIGKILL);
    waitpid(pid, &status, 0);
    return failures != 0;
}
