// cred_si_uid: the siginfo of kill, tgkill and sigqueue carries the sender's real
// uid; a child's SIGCHLD and waitid carry the child's real uid
// lab: 1
//
// si_uid is the real uid, not the effective one: a child that keeps effective
// root but takes real uid 1000 may still signal its root parent, and the parent's
// handlers see 1000 in every siginfo. After it drops root entirely its kill is
// EPERM. When it exits, waitid (WNOWAIT) and the SIGCHLD handler both report
// uid 1000. The test must start as root (CI runs it so).

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define NSIG_SEEN 65

static volatile int seen_uid[NSIG_SEEN], seen_pid[NSIG_SEEN], seen_code[NSIG_SEEN];

static void record(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    seen_uid[sig] = (int)si->si_uid;
    seen_pid[sig] = si->si_pid;
    seen_code[sig] = si->si_code;
}

static long r(long ret)
{
    return ret == -1 ? -errno : ret;
}

// The child: real uid 1000, effective root, signals the parent three ways; then it
// gives up root and can no longer.
static void child(void)
{
    pid_t parent = getppid();
    check("child: setresuid(1000, 0, 0)", r(setresuid(1000, 0, 0)), 0);
    check("child: kill(parent, SIGUSR1)", r(kill(parent, SIGUSR1)), 0);
    check("child: sigqueue(parent, SIGUSR2)", r(sigqueue(parent, SIGUSR2, (union sigval){ 7 })), 0);
    check("child: tgkill(parent, parent, SIGRTMIN)",
          r(syscall(SYS_tgkill, parent, parent, SIGRTMIN)), 0);
    check("child: setresuid(1000, 1000, 1000)", r(setresuid(1000, 1000, 1000)), 0);
    check("child: now kill(parent, SIGUSR1) is EPERM", r(kill(parent, SIGUSR1)), -EPERM);
    _exit(0);
}

static void check_seen(const char *name, int sig, int code, pid_t pid)
{
    char what[96];
    snprintf(what, sizeof what, "%s: si_uid is the sender's real uid", name);
    check(what, seen_uid[sig], 1000);
    snprintf(what, sizeof what, "%s: si_pid", name);
    check(what, seen_pid[sig], pid);
    snprintf(what, sizeof what, "%s: si_code", name);
    check(what, seen_code[sig], code);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (getuid() != 0 || geteuid() != 0) {
        printf("cred_si_uid must run as root\n");
        return 1;
    }
    int sigs[] = { SIGUSR1, SIGUSR2, SIGRTMIN, SIGCHLD };
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = record;
    sa.sa_flags = SA_SIGINFO;
    sigset_t block;
    sigemptyset(&block);
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        sigaction(sigs[i], &sa, NULL);
        sigaddset(&block, sigs[i]);
    }
    sigprocmask(SIG_BLOCK, &block, NULL);

    pid_t pid = fork();
    if (pid == 0)
        child();

    siginfo_t si;
    memset(&si, 0, sizeof si);
    check("waitid(WEXITED | WNOWAIT)", r(waitid(P_PID, pid, &si, WEXITED | WNOWAIT)), 0);
    check("waitid: si_uid is the child's real uid", (int)si.si_uid, 1000);
    check("waitid: si_code CLD_EXITED", si.si_code, CLD_EXITED);

    sigprocmask(SIG_UNBLOCK, &block, NULL);     // the handlers run now
    check_seen("kill", SIGUSR1, SI_USER, pid);
    check_seen("sigqueue", SIGUSR2, SI_QUEUE, pid);
    check_seen("tgkill", SIGRTMIN, SI_TKILL, pid);
    check_seen("SIGCHLD", SIGCHLD, CLD_EXITED, pid);

    int status;
    waitpid(pid, &status, 0);
    check("child exited 0 (its own checks passed)", WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);
    return failures != 0;
}
