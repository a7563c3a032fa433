// sstrace: a tiny strace. It runs PROG under ptrace and prints, one line each, every
// system call PROG makes with its result, every signal PROG is about to receive, and
// how PROG ended:
//
//     sstrace [-s NAME] PROG [ARG...]
//
// -s NAME stays silent until PROG first calls NAME (to skip the C library's start-up).
// The same static binary runs on Linux and in siglab and prints the same lines.
//
// How: the child asks to be traced (PTRACE_TRACEME) and execs PROG, which stops it
// with SIGTRAP before PROG's first instruction. From then on we resume it with
// PTRACE_SYSCALL, so it stops at each system call's entry and exit (reported as
// SIGTRAP | 0x80, thanks to PTRACE_O_TRACESYSGOOD) and, as any tracee, before each
// signal is delivered; there we pass the signal on.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define SYSCALL_STOP (SIGTRAP | 0x80)

static const char *const syscall_names[] = {
    [0] = "read", [1] = "write", [2] = "open", [3] = "close", [4] = "stat", [5] = "fstat",
    [7] = "poll", [8] = "lseek", [9] = "mmap", [10] = "mprotect", [11] = "munmap",
    [12] = "brk", [13] = "rt_sigaction", [14] = "rt_sigprocmask", [15] = "rt_sigreturn",
    [16] = "ioctl", [20] = "writev", [21] = "access", [22] = "pipe", [24] = "sched_yield",
    [32] = "dup", [33] = "dup2", [34] = "pause", [35] = "nanosleep", [37] = "alarm",
    [38] = "setitimer", [39] = "getpid", [56] = "clone", [57] = "fork", [59] = "execve",
    [60] = "exit", [61] = "wait4", [62] = "kill", [63] = "uname", [72] = "fcntl",
    [79] = "getcwd", [89] = "readlink", [96] = "gettimeofday", [102] = "getuid",
    [110] = "getppid", [130] = "rt_sigsuspend", [131] = "sigaltstack", [158] = "arch_prctl",
    [186] = "gettid", [200] = "tkill", [218] = "set_tid_address", [228] = "clock_gettime",
    [230] = "clock_nanosleep", [231] = "exit_group", [234] = "tgkill", [257] = "openat",
    [262] = "newfstatat", [273] = "set_robust_list", [302] = "prlimit64",
    [318] = "getrandom", [334] = "rseq",
};

static const char *const signal_names[] = {
    [SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
    [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
    [SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD",
    [SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN",
    [SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGWINCH] = "SIGWINCH", [SIGSYS] = "SIGSYS",
};

static const char *syscall_name(long nr)
{
    static char buf[32];
    size_t n = sizeof syscall_names / sizeof syscall_names[0];
    if (nr >= 0 && (size_t)nr < n && syscall_names[nr])
        return syscall_names[nr];
    snprintf(buf, sizeof buf, "syscall_%ld", nr);
    return buf;
}

static const char *signal_name(int sig)
{
    static char buf[16];
    if (sig > 0 && sig < (int)(sizeof signal_names / sizeof signal_names[0]) && signal_names[sig])
        return signal_names[sig];
    snprintf(buf, sizeof buf, "SIG%d", sig);
    return buf;
}

// The child: be traced, become PROG. The exec stops us with SIGTRAP.
static void run_traced(char **argv)
{
    if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0) {
        perror("sstrace: PTRACE_TRACEME");
        _exit(127);
    }
    execvp(argv[0], argv);
    fprintf(stderr, "sstrace: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

// A syscall-stop: entering prints nothing yet (the result is not known), except for
// the calls that never return; leaving prints the call and what it returned.
static void syscall_stop(pid_t child, int *in_syscall, long *nr, const char **silent_until)
{
    struct user_regs_struct r;
    ptrace(PTRACE_GETREGS, child, 0, &r);
    *in_syscall = !*in_syscall;
    if (*in_syscall) {
        *nr = (long)r.orig_rax;
        if (*silent_until && strcmp(syscall_name(*nr), *silent_until) == 0)
            *silent_until = NULL;
        if (!*silent_until && (*nr == 60 || *nr == 231))
            fprintf(stderr, "%s(%ld) = ?\n", syscall_name(*nr), (long)r.rdi);
        return;
    }
    if (*silent_until)
        return;
    long ret = (long)r.rax;
    if (ret < 0 && ret > -4096)
        fprintf(stderr, "%s = %ld (%s)\n", syscall_name(*nr), ret, strerror((int)-ret));
    else
        fprintf(stderr, "%s = %ld\n", syscall_name(*nr), ret);
}

// A signal-delivery-stop: say which signal and from where, and let it through.
static int signal_stop(pid_t child, int sig, int quiet)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    ptrace(PTRACE_GETSIGINFO, child, 0, &si);
    if (!quiet)
        fprintf(stderr, "--- %s (si_code %d) ---\n", signal_name(sig), si.si_code);
    return sig;
}

static int trace(pid_t child, const char *silent_until)
{
    int status, in_syscall = 0;
    long nr = -1;
    if (waitpid(child, &status, 0) != child || !WIFSTOPPED(status))
        return 127;     /* the exec failed: the child has said why */
    ptrace(PTRACE_SETOPTIONS, child, 0, (void *)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL));
    int deliver = 0;    /* the exec's SIGTRAP is ours, not PROG's */
    for (;;) {
        ptrace(PTRACE_SYSCALL, child, 0, (void *)(long)deliver);
        deliver = 0;
        if (waitpid(child, &status, 0) != child)
            return 127;
        if (WIFEXITED(status)) {
            fprintf(stderr, "+++ exited with %d +++\n", WEXITSTATUS(status));
            return WEXITSTATUS(status);
        }
        if (WIFSIGNALED(status)) {
            fprintf(stderr, "+++ killed by %s +++\n", signal_name(WTERMSIG(status)));
            return 128 + WTERMSIG(status);
        }
        int sig = WSTOPSIG(status);
        if (sig == SYSCALL_STOP)
            syscall_stop(child, &in_syscall, &nr, &silent_until);
        else if (sig == SIGTRAP && nr == 59 && !in_syscall)
            ;   /* PROG exec'd again: the SIGTRAP is for the tracer */
        else
            deliver = signal_stop(child, sig, silent_until != NULL);
    }
}

int main(int argc, char **argv)
{
    const char *silent_until = NULL;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-s") == 0) {
        silent_until = argv[2];
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: sstrace [-s NAME] PROG [ARG...]\n");
        return 2;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("sstrace: fork");
        return 1;
    }
    if (child == 0)
        run_traced(argv + first);
    return trace(child, silent_until);
}
