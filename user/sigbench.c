/*
 * sigbench: what a signal costs. N round trips kill(getpid()) -> handler -> sigreturn,
 * and N rt_sigprocmask calls, timed with CLOCK_MONOTONIC; and the CPU time one POSIX
 * timer signal costs the process it interrupts (expiry -> handler -> sigreturn, over
 * N / 100 expirations of a 1 ms periodic timer, with CLOCK_PROCESS_CPUTIME_ID: the
 * wait between expirations costs nothing).
 *
 *   sigbench [N]          (default 20000)
 *
 * `make bench` runs it natively and inside siglab under QEMU -icount shift=0, where a
 * guest nanosecond is one guest instruction: siglab's figure is then instructions per
 * operation, independent of how fast the host is.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

static double clock_read_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double now_ns(void) { return clock_read_ns(CLOCK_MONOTONIC); }

static double bench_signal(int n)
{
    struct sigaction sa = { .sa_handler = on_usr1 };
    sigaction(SIGUSR1, &sa, NULL);
    pid_t self = getpid();
    double start = now_ns();
    for (int i = 0; i < n; i++)
        kill(self, SIGUSR1);
    double ns = (now_ns() - start) / n;
    if (handled != n) {
        fprintf(stderr, "sigbench: %d signals sent, %d handled\n", n, (int)handled);
        exit(1);
    }
    return ns;
}

static volatile sig_atomic_t ticks;

static void on_timer(int sig)
{
    (void)sig;
    ticks++;
}

static double cpu_ns(void) { return clock_read_ns(CLOCK_PROCESS_CPUTIME_ID); }

static double bench_timer(int n)
{
    struct sigaction sa = { .sa_handler = on_timer };
    sigaction(SIGRTMIN, &sa, NULL);
    struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };
    timer_t t;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) < 0) {
        perror("sigbench: timer_create");
        exit(1);
    }
    struct itimerspec every_ms = { { 0, 1000000 }, { 0, 1000000 } };
    double start = cpu_ns();
    timer_settime(t, 0, &every_ms, NULL);
    while (ticks < n)
        pause();
    double ns = (cpu_ns() - start) / n;
    timer_delete(t);
    return ns;
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

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    if (n <= 0)
        n = 20000;
    printf("signal round trip (kill -> handler -> sigreturn): %8.0f ns\n", bench_signal(n));
    printf("rt_sigprocmask:                                   %8.0f ns\n", bench_sigprocmask(n));
    printf("POSIX timer signal, CPU time per expiry:          %8.0f ns\n",
           bench_timer(n / 100 > 0 ? n / 100 : 1));
    return 0;
}
