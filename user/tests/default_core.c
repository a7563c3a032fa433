// default_core: core-dumping signals kill; WCOREDUMP false under RLIMIT_CORE 0
// lab: 2
//
// Signals whose default action is to dump core and terminate (SIGQUIT, SIGILL,
// SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS), sent
// with kill(), kill the process. With RLIMIT_CORE 0 no core is written, so
// WCOREDUMP is false (and a shell reports 128 + N).

#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

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
    snprintf(what, sizeof what, "%s (%d) kills, status %d, WCOREDUMP false", name, sig, 128 + sig);
    check(what, shell_status(status), 128 + sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit nocore = { 0, 0 };

    setrlimit(RLIMIT_CORE, &nocore);
    one("SIGQUIT", SIGQUIT);
    one("SIGILL", SIGILL);
    one("SIGTRAP", SIGTRAP);
    one("SIGABRT", SIGABRT);
    one("SIGBUS", SIGBUS);
    one("SIGFPE", SIGFPE);
    one("SIGSEGV", SIGSEGV);
    one("SIGXCPU", SIGXCPU);
    one("SIGXFSZ", SIGXFSZ);
    one("SIGSYS", SIGSYS);
    return failures != 0;
}
