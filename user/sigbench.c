/*
 * sigbench: what a signal costs. Each benchmark repeats one operation N times and
 * prints the time one took, measured with CLOCK_MONOTONIC (the timer benchmark with
 * CLOCK_PROCESS_CPUTIME_ID: the wait between expirations costs nothing).
 *
 *   sigbench [-n N] [-t] [NAME...]     (no NAME: all of them)
 *
 * Each runs N times; without -n, 20000 times, the slow ones (ping-pong, the timer)
 * fewer (struct bench's divisor).
 *
 * -t prints siglab's targets (issue 16, in guest instructions) beside the figures.
 * `make bench` runs it natively and inside siglab under QEMU -icount shift=0, where a
 * guest nanosecond is one guest instruction: siglab's figure is then instructions per
 * operation, independent of how fast the host is. tools/kprofile runs one benchmark
 * (`sigbench -n {N} kill`) to see which kernel functions those instructions are in.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double clock_read_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double now_ns(void) { return clock_read_ns(CLOCK_MONOTONIC); }
static double cpu_ns(void) { return clock_read_ns(CLOCK_PROCESS_CPUTIME_ID); }

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void on_signal(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    if (sigaction(sig, &sa, NULL) < 0)
        die("sigbench: sigaction");
}

static void check_handled(int sent, int handled)
{
    if (handled != sent) {
        fprintf(stderr, "sigbench: %d signals sent, %d handled\n", sent, handled);
        exit(1);
    }
}

/* ---- one system call ---- */

static double bench_getppid(int n)
{
    double start = now_ns();
    for (int i = 0; i < n; i++)
        getppid();              /* a system call in both C libraries: neither caches it */
    return (now_ns() - start) / n;
}

static double bench_sigprocmask(int n)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    double start = now_ns();
    for (int i = 0; i < n; i++)
        sigprocmask(i & 1 ? SIG_UNBLOCK : SIG_BLOCK, &set, &old);
    return (now_ns() - start) / n;
}

static double bench_sigpending(int n)
{
    sigset_t set;
    double start = now_ns();
    for (int i = 0; i < n; i++)
        sigpending(&set);
    return (now_ns() - start) / n;
}

/* ---- signal round trips: kill(self) -> handler -> rt_sigreturn ---- */

static volatile sig_atomic_t handled;

static void count_signal(int sig)
{
    (void)sig;
    handled++;
}

static void count_siginfo(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)info, (void)uc;
    handled++;
}

static double kill_self_loop(int n)
{
    pid_t self = getpid();
    handled = 0;
    double start = now_ns();
    for (int i = 0; i < n; i++)
        kill(self, SIGUSR1);
    double ns = (now_ns() - start) / n;
    check_handled(n, handled);
    signal(SIGUSR1, SIG_DFL);
    return ns;
}

static double bench_kill(int n)
{
    on_signal(SIGUSR1, count_signal, 0);
    return kill_self_loop(n);
}

static double bench_siginfo(int n)
{
    struct sigaction sa = { .sa_sigaction = count_siginfo, .sa_flags = SA_SIGINFO };
    if (sigaction(SIGUSR1, &sa, NULL) < 0)
        die("sigbench: sigaction");
    return kill_self_loop(n);
}

static double bench_altstack(int n)
{
    static char stack[64 * 1024];
    stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) }, off = { .ss_flags = SS_DISABLE };
    if (sigaltstack(&ss, NULL) < 0)
        die("sigbench: sigaltstack");
    on_signal(SIGUSR1, count_signal, SA_ONSTACK);
    double ns = kill_self_loop(n);
    sigaltstack(&off, NULL);
    return ns;
}

/* ---- a fault: SIGSEGV -> handler -> siglongjmp back (which restores the mask) ---- */

static sigjmp_buf after_fault;

static void escape_fault(int sig)
{
    (void)sig;
    siglongjmp(after_fault, 1);
}

static double bench_fault(int n)
{
    on_signal(SIGSEGV, escape_fault, 0);
    volatile int *nowhere = (volatile int *)8;     /* page 0 is never mapped */
    volatile int faults = 0;
    double start = now_ns();
    while (faults < n) {
        if (sigsetjmp(after_fault, 1))
            faults++;
        else
            *nowhere = 1;
    }
    double ns = (now_ns() - start) / n;
    signal(SIGSEGV, SIG_DFL);
    return ns;
}

/* ---- two processes: SIGUSR1 there, SIGUSR1 back, each waiting in sigsuspend (as
   lmbench's lat_sig and TLPI's sig_speed_sigsuspend measure it) ---- */

static void ping_pong(pid_t other, int n, const sigset_t *unblocked)
{
    for (int i = 0; i < n; i++) {
        kill(other, SIGUSR1);
        sigsuspend(unblocked);
    }
}

static double bench_pingpong(int n)
{
    sigset_t usr1, old;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    on_signal(SIGUSR1, count_signal, 0);
    sigprocmask(SIG_BLOCK, &usr1, &old);       /* a signal waits until sigsuspend */
    sigset_t unblocked = old;
    sigdelset(&unblocked, SIGUSR1);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0)
        die("sigbench: fork");
    if (child == 0) {
        sigsuspend(&unblocked);                 /* the first ping */
        ping_pong(parent, n - 1, &unblocked);
        kill(parent, SIGUSR1);                  /* the last pong */
        _exit(0);
    }
    handled = 0;
    double start = now_ns();
    ping_pong(child, n, &unblocked);
    double ns = (now_ns() - start) / n;
    waitpid(child, NULL, 0);
    check_handled(n, handled);
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGUSR1, SIG_DFL);
    return ns;
}

/* ---- sigtimedwait of a signal already pending (kill(self) + sigtimedwait) ---- */

static double bench_sigtimedwait(int n)
{
    sigset_t usr2, old;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2, &old);
    struct timespec zero = { 0, 0 };
    pid_t self = getpid();
    double start = now_ns();
    for (int i = 0; i < n; i++) {
        kill(self, SIGUSR2);
        if (sigtimedwait(&usr2, NULL, &zero) != SIGUSR2)
            die("sigbench: sigtimedwait");
    }
    double ns = (now_ns() - start) / n;
    sigprocmask(SIG_SETMASK, &old, NULL);
    return ns;
}

/* ---- a POSIX timer signal: expiry -> handler -> sigreturn, over n expirations of a
   1 ms periodic timer, in the CPU time of the process it interrupts ---- */

static double bench_timer(int n)
{
    on_signal(SIGRTMIN, count_signal, 0);
    struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };
    timer_t t;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) < 0)
        die("sigbench: timer_create");
    struct itimerspec every_ms = { { 0, 1000000 }, { 0, 1000000 } };
    handled = 0;
    double start = cpu_ns();
    timer_settime(t, 0, &every_ms, NULL);
    while (handled < n)
        pause();
    double ns = (cpu_ns() - start) / n;
    timer_delete(t);
    return ns;
}

/* ---- the table ---- */

struct bench {
    const char *name, *what;
    double (*run)(int n);
    int divisor;            /* by default it runs 20000 / divisor times: a slow one */
    int target;             /* issue 16's target for siglab, guest instructions; 0: none */
};

static const struct bench benches[] = {
    { "getppid", "null system call (getppid)", bench_getppid, 1, 110 },
    { "sigprocmask", "rt_sigprocmask(SIG_BLOCK / SIG_UNBLOCK)", bench_sigprocmask, 1, 200 },
    { "sigpending", "rt_sigpending", bench_sigpending, 1, 0 },
    { "kill", "round trip: kill(self) -> handler -> sigreturn", bench_kill, 1, 1100 },
    { "siginfo", "round trip, SA_SIGINFO handler", bench_siginfo, 1, 0 },
    { "altstack", "round trip, handler on a sigaltstack", bench_altstack, 1, 0 },
    { "fault", "SIGSEGV -> handler -> siglongjmp", bench_fault, 1, 0 },
    { "sigtimedwait", "kill(self) + sigtimedwait of it, pending", bench_sigtimedwait, 1, 0 },
    { "pingpong", "two processes: signal there and back, sigsuspend", bench_pingpong, 4, 0 },
    { "timer", "POSIX timer signal, CPU time per expiry", bench_timer, 100, 0 },
};
#define NBENCH (int)(sizeof(benches) / sizeof(benches[0]))

#define DEFAULT_TIMES 20000

static void run_bench(const struct bench *b, int n, int targets)
{
    double ns = b->run(n ? n : DEFAULT_TIMES / b->divisor);
    printf("%-12s %-48s %8.0f ns", b->name, b->what, ns);
    if (targets && b->target)
        printf("   (target <= %d)", b->target);
    printf("\n");
    fflush(stdout);
}

static const struct bench *find_bench(const char *name)
{
    for (int i = 0; i < NBENCH; i++)
        if (strcmp(benches[i].name, name) == 0)
            return &benches[i];
    return NULL;
}

static void usage(void)
{
    fprintf(stderr, "usage: sigbench [-n N] [-t] [NAME...]; NAMEs:");
    for (int i = 0; i < NBENCH; i++)
        fprintf(stderr, " %s", benches[i].name);
    fprintf(stderr, "\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int n = 0, targets = 0, opt;
    while ((opt = getopt(argc, argv, "n:t")) != -1) {
        if (opt == 'n' && atoi(optarg) > 0)
            n = atoi(optarg);
        else if (opt == 't')
            targets = 1;
        else
            usage();
    }
    for (int a = optind; a < argc; a++)
        if (!find_bench(argv[a]))
            usage();
    for (int i = 0; i < NBENCH; i++) {
        int wanted = optind == argc;
        for (int a = optind; a < argc; a++)
            wanted |= find_bench(argv[a]) == &benches[i];
        if (wanted)
            run_bench(&benches[i], n, targets);
    }
    return 0;
}
