// sigchld_info: SIGCHLD siginfo on a child's death: CLD_EXITED or CLD_KILLED
// lab: 2
//
// A child's death sends SIGCHLD to its parent, and the siginfo says how:
// CLD_EXITED with the exit code in si_status, or CLD_KILLED with the signal
// number (also for a core-dumping signal when no core is written, as with
// RLIMIT_CORE 0); si_pid is the child, si_uid its uid.
//
// SIGCHLD stays blocked; sigwaitinfo takes it.

#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

// Fork a child that exits with 42 (how == 0) or kills itself with signal
// `how`, take its SIGCHLD, then reap it.
static void one_child(const char *name, int how, int want_code, int want_status)
{
    sigset_t set;
    siginfo_t info;
    char what[96];

    pid_t pid = fork();
    if (pid == 0) {
        if (how != 0)
            kill(getpid(), how);
        _exit(42);
    }
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    snprintf(what, sizeof what, "%s: SIGCHLD", name);
    check(what, sigwaitinfo(&set, &info), SIGCHLD);
    snprintf(what, sizeof what, "%s: si_code", name);
    check(what, info.si_code, want_code);
    snprintf(what, sizeof what, "%s: si_status", name);
    check(what, info.si_status, want_status);
    snprintf(what, sizeof what, "%s: si_pid is the child", name);
    check(what, info.si_pid == pid, 1);
    snprintf(what, sizeof what, "%s: si_uid is 0", name);
    check(what, info.si_uid, 0);
    waitpid(pid, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit nocore = { 0, 0 };
    sigset_t block;

    setrlimit(RLIMIT_CORE, &nocore);
    signal(SIGCHLD, SIG_DFL);
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_SETMASK, &block, NULL);

    one_child("exit(42)", 0, CLD_EXITED, 42);
    one_child("killed by SIGTERM", SIGTERM, CLD_KILLED, SIGTERM);
    one_child("killed by SIGQUIT, no core", SIGQUIT, CLD_KILLED, SIGQUIT);
    return failures != 0;
}
