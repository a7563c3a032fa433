// ptrace_signal_change: a traced process stops at each signal it is about to receive
// (signal-delivery-stop), and what it then gets is the tracer's choice: PTRACE_CONT
// with 0 suppresses the signal, with the same number delivers it with its siginfo,
// with another number injects that one instead (siginfo: SI_USER from the tracer),
// and PTRACE_SETSIGINFO can rewrite the siginfo first. Even a signal the tracee
// ignores stops it. The tracee says what its handlers saw; the tracer prints only
// while the tracee is stopped, so the output order is fixed.

#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static volatile int got_sig, got_code, got_pid, got_value;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_pid = si->si_pid;
    got_value = si->si_value.sival_int;
}

static void report(const char *what)
{
    if (got_sig)
        printf("tracee: after %s: handler got signal %d, si_code %d, si_pid %s, value %d\n",
               what, got_sig, got_code,
               got_pid == getppid() ? "tracer" : got_pid == getpid() ? "self" : "other",
               got_value);
    else
        printf("tracee: after %s: no handler ran\n", what);
    got_sig = got_code = got_pid = got_value = 0;
}

static void tracee(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    signal(SIGWINCH, SIG_IGN);
    ptrace(PTRACE_TRACEME, 0, 0, 0);

    kill(getpid(), SIGUSR1);
    report("SIGUSR1, tracer suppressed it");
    kill(getpid(), SIGUSR1);
    report("SIGUSR1, tracer delivered it");
    kill(getpid(), SIGUSR1);
    report("SIGUSR1, tracer injected SIGUSR2");
    union sigval v = { .sival_int = 42 };
    sigqueue(getpid(), SIGUSR1, v);
    report("sigqueue SIGUSR1 42, tracer rewrote the value");
    kill(getpid(), SIGUSR2);
    report("SIGUSR2, tracer set a SIGUSR1 siginfo and injected SIGUSR1");
    kill(getpid(), SIGWINCH);
    report("SIGWINCH (ignored)");
    _exit(0);
}

// Wait for the next stop; it must be a signal-delivery-stop for SIG.
static void expect_stop(pid_t child, int sig, const char *what)
{
    int status;
    waitpid(child, &status, 0);
    char msg[128];
    snprintf(msg, sizeof msg, "%s: stopped with signal %d", what, sig);
    check(msg, WIFSTOPPED(status) ? WSTOPSIG(status) : -status, sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t child = fork();
    if (child == 0)
        tracee();

    expect_stop(child, SIGUSR1, "kill SIGUSR1");
    ptrace(PTRACE_CONT, child, 0, 0);

    expect_stop(child, SIGUSR1, "kill SIGUSR1 again");
    siginfo_t si;
    memset(&si, 0, sizeof si);
    ptrace(PTRACE_GETSIGINFO, child, 0, &si);
    check("its si_code is SI_USER", si.si_code, SI_USER);
    check("its si_pid is the tracee", si.si_pid, child);
    ptrace(PTRACE_CONT, child, 0, SIGUSR1);

    expect_stop(child, SIGUSR1, "a third SIGUSR1");
    ptrace(PTRACE_CONT, child, 0, SIGUSR2);

    expect_stop(child, SIGUSR1, "sigqueue SIGUSR1");
    memset(&si, 0, sizeof si);
    ptrace(PTRACE_GETSIGINFO, child, 0, &si);
    check("its si_code is SI_QUEUE", si.si_code, SI_QUEUE);
    check("its si_value", si.si_value.sival_int, 42);
    si.si_value.sival_int = 99;
    check("PTRACE_SETSIGINFO", ptrace(PTRACE_SETSIGINFO, child, 0, &si), 0);
    ptrace(PTRACE_CONT, child, 0, SIGUSR1);

    expect_stop(child, SIGUSR2, "kill SIGUSR2");
    memset(&si, 0, sizeof si);
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = 4321;
    si.si_value.sival_int = 7;
    ptrace(PTRACE_SETSIGINFO, child, 0, &si);
    ptrace(PTRACE_CONT, child, 0, SIGUSR1);

    expect_stop(child, SIGWINCH, "kill SIGWINCH, which the tracee ignores");
    ptrace(PTRACE_CONT, child, 0, SIGWINCH);

    int status;
    check("tracee exits", waitpid(child, &status, 0), child);
    check("exit status 0", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    return failures != 0;
}
