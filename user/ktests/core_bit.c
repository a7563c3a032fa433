// core_bit: with RLIMIT_CORE above 0, a core-dumping signal sets the core bit (WCOREDUMP)
// lab: 2
//
// siglab only: siglab writes no core file, but with RLIMIT_CORE 1 MiB it
// reports a death by a core-dumping signal as Linux does when it dumped one:
// WCOREDUMP true, and SIGCHLD with si_code CLD_DUMPED. (Natively this would
// write core files, and depends on the host's core_pattern.) A terminating
// signal such as SIGTERM still sets no core bit, and with RLIMIT_CORE 0 there
// is none either.

#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char *what, long got, long want)
{
    if (got == want) {
        printf("%s: ok\n", what);
    } else {
        printf("%s: FAIL expected %ld got %ld\n", what, want, got);
        failures++;
    }
}

// Kill a fresh child with `sig` (or make it fault, for fault != 0); report
// the signal, the core bit and the SIGCHLD's si_code.
static void one(const char *name, int sig, int fault, int want_core)
{
    sigset_t chld;
    siginfo_t info;
    int p[2], status;
    char c, what[96];

    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        signal(sig, SIG_DFL);
        if (fault)
            asm volatile("movq 0, %%rax" ::: "rax", "memory");
        write(p[1], "r", 1);
        for (;;)
            pause();
    }
    if (!fault) {
        read(p[0], &c, 1);
        kill(pid, sig);
    }
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigwaitinfo(&chld, &info);
    waitpid(pid, &status, 0);
    snprintf(what, sizeof what, "%s: killed by signal %d", name, sig);
    check(what, WIFSIGNALED(status) ? WTERMSIG(status) : -1, sig);
    snprintf(what, sizeof what, "%s: WCOREDUMP %s", name, want_core ? "true" : "false");
    check(what, WIFSIGNALED(status) && WCOREDUMP(status), want_core);
    snprintf(what, sizeof what, "%s: SIGCHLD si_code %s", name, want_core ? "CLD_DUMPED" : "CLD_KILLED");
    check(what, info.si_code, want_core ? CLD_DUMPED : CLD_KILLED);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit mib = { 1 << 20, 1 << 20 }, none = { 0, 0 };
    sigset_t chld;

    signal(SIGCHLD, SIG_DFL);
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_SETMASK, &chld, NULL);

    setrlimit(RLIMIT_CORE, &mib);
    one("SIGQUIT, RLIMIT_CORE 1 MiB", SIGQUIT, 0, 1);
    one("SIGABRT, RLIMIT_CORE 1 MiB", SIGABRT, 0, 1);
    one("NULL read, RLIMIT_CORE 1 MiB", SIGSEGV, 1, 1);
    one("SIGTERM, RLIMIT_CORE 1 MiB", SIGTERM, 0, 0);
    setrlimit(RLIMIT_CORE, &none);
    one("SIGQUIT, RLIMIT_CORE 0", SIGQUIT, 0, 0);
    return failures != 0;
}
