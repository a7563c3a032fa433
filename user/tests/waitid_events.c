// waitid_events: waitid reports exits, deaths, stops and continues in a siginfo
// lab: 2
//
// waitid(idtype, id, &info, options) is wait's siginfo form: si_signo SIGCHLD,
// si_code CLD_EXITED (si_status the exit code), CLD_KILLED or CLD_DUMPED (the
// signal), CLD_STOPPED (the stop signal), CLD_CONTINUED (SIGCONT), si_pid the
// child. P_PID, P_PGID (0: our own group) and P_ALL choose children; WNOWAIT
// leaves the child waitable; WNOHANG with nothing to report returns 0 with si_pid
// 0; no event option or a bad idtype is EINVAL; no child is ECHILD.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static pid_t child_that(int how)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit none = { 0, 0 };
        setrlimit(RLIMIT_CORE, &none);
        if (how == 1)
            _exit(23);
        if (how == 2)
            for (;;)
                pause();
        *(volatile int *)0 = 1;     // how == 3: SIGSEGV
        _exit(0);
    }
    return pid;
}

static void expect(const char *name, const siginfo_t *si, pid_t pid, int code, int status)
{
    char what[96];
    snprintf(what, sizeof what, "%s: si_signo SIGCHLD", name);
    check(what, si->si_signo, SIGCHLD);
    snprintf(what, sizeof what, "%s: si_pid the child", name);
    check(what, si->si_pid == pid, 1);
    snprintf(what, sizeof what, "%s: si_code %d", name, code);
    check(what, si->si_code, code);
    snprintf(what, sizeof what, "%s: si_status %d", name, status);
    check(what, si->si_status, status);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    siginfo_t si;

    // An exit, seen first with WNOWAIT (the child stays), then for real.
    pid_t pid = child_that(1);
    memset(&si, 0, sizeof si);
    check("P_PID WEXITED|WNOWAIT returns 0", waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
    expect("exit, WNOWAIT", &si, pid, CLD_EXITED, 23);
    memset(&si, 0, sizeof si);
    check("P_PID WEXITED again returns 0", waitid(P_PID, pid, &si, WEXITED), 0);
    expect("exit", &si, pid, CLD_EXITED, 23);
    errno = 0;
    check("then the child is gone: ECHILD", waitid(P_PID, pid, &si, WEXITED) == -1 && errno == ECHILD, 1);

    // Stopped, continued, killed: one child through all three.
    pid = child_that(2);
    kill(pid, SIGSTOP);
    memset(&si, 0, sizeof si);
    check("P_ALL WSTOPPED returns 0", waitid(P_ALL, 0, &si, WSTOPPED), 0);
    expect("stop", &si, pid, CLD_STOPPED, SIGSTOP);
    memset(&si, 0xff, sizeof si);
    check("WNOHANG with nothing new returns 0", waitid(P_PID, pid, &si, WSTOPPED | WNOHANG), 0);
    check("WNOHANG with nothing new: si_pid 0", si.si_pid, 0);
    check("WNOHANG with nothing new: si_signo 0", si.si_signo, 0);
    kill(pid, SIGCONT);
    memset(&si, 0, sizeof si);
    check("P_PGID 0 WCONTINUED returns 0", waitid(P_PGID, 0, &si, WCONTINUED), 0);
    expect("continue", &si, pid, CLD_CONTINUED, SIGCONT);
    kill(pid, SIGTERM);
    memset(&si, 0, sizeof si);
    check("P_PGID our group WEXITED returns 0", waitid(P_PGID, getpgrp(), &si, WEXITED), 0);
    expect("killed", &si, pid, CLD_KILLED, SIGTERM);

    // A fault with RLIMIT_CORE 0: killed, no core.
    pid = child_that(3);
    memset(&si, 0, sizeof si);
    check("fault: waitid returns 0", waitid(P_PID, pid, &si, WEXITED), 0);
    expect("fault", &si, pid, CLD_KILLED, SIGSEGV);

    errno = 0;
    check("no event option: EINVAL", waitid(P_ALL, 0, &si, WNOHANG) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("idtype 7: EINVAL", waitid((idtype_t)7, 0, &si, WEXITED) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("P_PID 0: EINVAL", waitid(P_PID, 0, &si, WEXITED) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("no children: ECHILD", waitid(P_ALL, 0, &si, WEXITED) == -1 && errno == ECHILD, 1);
    return failures != 0;
}
