// grade.h: what every grade program shares. A grade program runs inside siglab as
// /grade/NAME (the grader boots with "quiet -- /grade/NAME ARGS"), prints one line per
// fact it observed, and grade/tests.py lists the lines Linux would print. The values
// that make a run unique (the nonce, the signals to use) come in as arguments, chosen
// afresh by the grader for every run, and the lines that matter carry them only after
// they went through the kernel: a pending set, a siginfo, a saved register, a wait
// status. So no output can be right unless the kernel did the work.
//
// Everything prints through stdio with stdout unbuffered (grade_start), so lines from
// a parent and its children come out in the order they were written.
//
// When the grader builds a program for a run (grade/auth.py), the arguments are not
// on the command line but sealed inside the program, and every printed line carries
// a tag that proves the program printed it: see grade_auth.h.

#ifndef GRADE_H
#define GRADE_H

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define UNUSED __attribute__((unused))

#ifdef GRADE_RUN
#include "grade_auth.h"
#endif

// The kernel's signal set: bit sig-1 for sig (one word, as rt_sigprocmask passes it).
typedef uint64_t kset;

static inline kset bit(int sig) { return 1ULL << (sig - 1); }

static UNUSED void grade_start(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
#ifdef GRADE_RUN
    grade_main_pid = getpid();
#endif
}

// Argument i as a number (argv[i], or the i-th sealed argument in a graded run); a
// grade program called wrongly says so and fails.
static UNUSED long arg(int argc, char **argv, int i)
{
#ifdef GRADE_RUN
    const char *text = grade_arg(i);
    (void)argc, (void)argv;
#else
    const char *text = i < argc ? argv[i] : NULL;
#endif
    if (!text) {
        printf("usage error: argument %d missing\n", i);
        exit(2);
    }
    char *end;
    long v = strtol(text, &end, 0);
    if (*text == '\0' || *end != '\0') {
        printf("usage error: argument %d (%s) is not a number\n", i, text);
        exit(2);
    }
    return v;
}

// ---- signal names and sets -------------------------------------------------------

static const char *const std_names[32] = {
    "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
    "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
    "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
    "SIGIO", "SIGPWR", "SIGSYS",
};

// "SIGUSR1" for standard signals, "SIG40" for real-time ones (C libraries disagree on
// where SIGRTMIN is, so the kernel's number is the only name both agree on).
static UNUSED const char *signame(int sig)
{
    static char buf[4][16];
    static int next;
    if (sig >= 0 && sig < 32)
        return std_names[sig];
    char *b = buf[next++ % 4];
    snprintf(b, sizeof buf[0], "SIG%d", sig);
    return b;
}

// The members of a set, lowest first: "SIGHUP SIG40", or "(none)".
static UNUSED const char *setstr(kset set)
{
    static char buf[4][512];
    static int next;
    char *b = buf[next++ % 4];
    size_t n = 0;
    b[0] = '\0';
    for (int sig = 1; sig <= 64; sig++)
        if (set & bit(sig))
            n += snprintf(b + n, sizeof buf[0] - n, "%s%s", n ? " " : "", signame(sig));
    return n ? b : "(none)";
}

static UNUSED kset get_mask(void)
{
    kset old;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &old, sizeof old);
    return old;
}

static UNUSED void set_mask(kset set)
{
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, sizeof set);
}

static UNUSED kset get_pending(void)
{
    kset set = 0;
    syscall(SYS_rt_sigpending, &set, sizeof set);
    return set;
}

// The kernel's struct sigaction (not libc's: no hidden SA_RESTORER, no mask filtering).
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    kset mask;
};

#define K_SA_RESTORER 0x04000000UL

// Install a handler with libc's sigaction (libc adds SA_RESTORER and its restorer).
static UNUSED void on(int sig, void *handler, int flags, kset mask)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    for (int s = 1; s <= 64; s++)
        if (mask & bit(s))
            sigaddset(&sa.sa_mask, s);
    if (sigaction(sig, &sa, NULL) < 0)
        printf("sigaction(%s): %s\n", signame(sig), strerror(errno));
}

static UNUSED int send_value(pid_t pid, int sig, int value)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = value;
    return syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
}

// "0", or "-1 (EAGAIN)": how a system call's result reads in the output.
static UNUSED const char *result(long r)
{
    static char buf[4][48];
    static int next;
    char *b = buf[next++ % 4];
    if (r >= 0) {
        snprintf(b, sizeof buf[0], "%ld", r);
    } else {
        const char *name = errno == EAGAIN ? "EAGAIN" : errno == EINTR ? "EINTR" :
                           errno == ESRCH ? "ESRCH" : errno == EINVAL ? "EINVAL" :
                           errno == ENOSYS ? "ENOSYS" : errno == EPERM ? "EPERM" :
                           errno == ECHILD ? "ECHILD" : "errno";
        snprintf(b, sizeof buf[0], "%ld (%s %d)", r, name, errno);
    }
    return b;
}

// ---- time --------------------------------------------------------------------------

static UNUSED long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

// Sleep ms milliseconds, whatever interrupts the sleep.
static UNUSED void sleep_ms(long ms)
{
    long end = now_ms() + ms;
    for (long left = ms; left > 0; left = end - now_ms()) {
        struct timespec t = { left / 1000, (left % 1000) * 1000000L };
        nanosleep(&t, NULL);
    }
}

// A child that must be killed, stopped or signalled by the test: it waits up to ms
// (in short naps, so any signal finds it between system calls too) and then exits
// with LINGERED. If a test sees that status, the signal never did its work; the
// bound keeps an unfinished kernel from hanging the test.
#define LINGERED 99

static UNUSED _Noreturn void linger(long ms)
{
    long end = now_ms() + ms;
    while (now_ms() < end) {
        struct timespec t = { 0, 5 * 1000000L };
        nanosleep(&t, NULL);
    }
    _exit(LINGERED);
}

// ---- children ----------------------------------------------------------------------

// waitpid that shrugs off EINTR (a handler may run while we wait).
static UNUSED pid_t wait_for(pid_t pid, int *status, int options)
{
    pid_t r;
    do
        r = waitpid(pid, status, options);
    while (r < 0 && errno == EINTR);
    return r;
}

// A wait status in words: "exited with 3", "killed by SIGTERM", "killed by SIGSEGV,
// core dumped", "stopped by SIGTSTP", "continued".
static UNUSED const char *status_str(int status)
{
    static char buf[4][64];
    static int next;
    char *b = buf[next++ % 4];
    if (WIFEXITED(status))
        snprintf(b, sizeof buf[0], "exited with %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(b, sizeof buf[0], "killed by %s%s", signame(WTERMSIG(status)),
                 WCOREDUMP(status) ? ", core dumped" : "");
    else if (WIFSTOPPED(status))
        snprintf(b, sizeof buf[0], "stopped by %s", signame(WSTOPSIG(status)));
    else if (WIFCONTINUED(status))
        snprintf(b, sizeof buf[0], "continued");
    else
        snprintf(b, sizeof buf[0], "status %#x", status);
    return b;
}

// Wait for pid and describe how it ended (or stopped, with WUNTRACED in options).
static UNUSED const char *reap(pid_t pid, int options)
{
    int status;
    if (wait_for(pid, &status, options) != pid)
        return "waitpid failed";
    return status_str(status);
}

// One byte through a pipe: how a parent and a child say "ready" and "go".
static UNUSED void tell(int fd)
{
    char c = '!';
    if (write(fd, &c, 1) != 1)
        printf("tell: write: %s\n", strerror(errno));
}

static UNUSED void hear(int fd)
{
    char c;
    ssize_t n;
    do
        n = read(fd, &c, 1);
    while (n < 0 && errno == EINTR);
    if (n != 1)
        printf("hear: read returned %ld\n", (long)n);
}

#endif
