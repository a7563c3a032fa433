// sigtest.h: what the signal test programs in user/tests share.
//
// Every test runs twice, natively on Linux and inside siglab, and the two outputs
// must be identical (tests/run_tests.py compares them). So a test prints one line per
// thing it checked, "WHAT: ok" or "WHAT: FAIL expected X got Y", and exits non-zero if
// anything failed. A header of static definitions keeps each test one self-contained
// program: `musl-gcc -static test.c` still builds it by hand.

#ifndef SIGTEST_H
#define SIGTEST_H

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// How many checks failed so far; main() ends with `return failures != 0;`.
static int failures;

// Print WHAT's verdict; on a mismatch show both values, so a failure in CI says
// what the kernel did differently from Linux.
static inline void check(const char *what, long got, long want)
{
    if (got == want) {
        printf("%s: ok\n", what);
    } else {
        printf("%s: FAIL expected %ld got %ld\n", what, want, got);
        failures++;
    }
}

// Signal SIG's bit in a kernel sigset (a 64-bit mask; signal 1 is bit 0).
#define BIT(sig) (1UL << ((sig) - 1))

// sigaltstack's "disarm while on the stack" flag: musl's <signal.h> has it, glibc's
// does not (it is in <linux/signal.h>); Linux's value.
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

// The kernel's struct sigaction, as rt_sigaction(2) takes it (not libc's, which is
// larger and lets libc add SA_RESTORER): tests that call the syscall directly control
// every field, flags and restorer included.
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

// Is SIG pending for this process (generated, not yet delivered)?
static inline int is_pending(int sig)
{
    sigset_t set;
    sigpending(&set);
    return sigismember(&set, sig);
}

// The blocked mask as the kernel keeps it: one 64-bit word (libc's sigset_t is larger).
static inline uint64_t current_mask(void)
{
    uint64_t m;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
    return m;
}

// Sleep MS milliseconds even if signals interrupt the sleep.
static inline void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
    while (nanosleep(&ts, &ts) != 0)
        ;
}

// Is process PID asleep (state S in /proc/PID/stat)? -1 where there is no /proc to say
// (siglab has none).
static inline int process_sleeping(pid_t pid)
{
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    const char *paren = strrchr(buf, ')');      // (the name in parentheses may hold spaces)
    return paren && paren[1] == ' ' && paren[2] == 'S';
}

// Fork a child that sends SIG to us once we are blocked in the call under test: 100 ms
// from now, and natively not before /proc shows us asleep, for a busy host can keep us
// from reaching the call for longer than that (the signal would then come first, and
// the call block for ever). In siglab the 100 ms are guest time, always enough. Returns
// the child's pid for waitpid.
static inline pid_t signal_later(int sig)
{
    pid_t pid = fork();
    if (pid == 0) {
        pid_t parent = getppid();
        sleep_ms(100);
        for (int tries = 0; tries < 500 && process_sleeping(parent) == 0; tries++)
            sleep_ms(10);
        kill(parent, sig);
        _exit(0);
    }
    return pid;
}

// CPU time this process has used so far, in ms (CLOCK_PROCESS_CPUTIME_ID).
static inline long cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Spin in user mode for MS of CPU time. Reading the clock is a system call, so it
// comes only between long stretches of arithmetic: the time is user time.
static inline void spin_cpu_ms(long ms)
{
    long end = cpu_ms() + ms;
    volatile unsigned long x = 0;
    while (cpu_ms() < end)
        for (int i = 0; i < 20000; i++)
            x += i;
}

// A child parked for the parent to signal. The parent calls fork_parking(); the
// child sets itself up (dispositions, mask, process group) and calls park(), which
// tells the parent it is ready and then only waits for signals. The parent's
// wait_parked() returns once the child is ready, so a signal it sends next finds
// the child set up. (The two talk through a pipe.)
static int park_pipe[2];

static inline pid_t fork_parking(void)
{
    pipe(park_pipe);
    return fork();
}

static inline _Noreturn void park(void)
{
    write(park_pipe[1], "r", 1);
    for (;;)
        pause();
}

static inline void wait_parked(void)
{
    char c;
    read(park_pipe[0], &c, 1);
    close(park_pipe[0]);
    close(park_pipe[1]);
}

#endif
