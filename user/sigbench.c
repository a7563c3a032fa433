/*
 * sigbench: what a signal costs. N round trips kill(getpid()) -> handler -> sigreturn,
 * and N rt_sigprocmask calls, timed with CLOCK_MONOTONIC.
 *
 *   sigbench [N]          (default 20000)
 *
 * `make bench` runs it natively and inside siglab under QEMU -icount shift=0, where a
 * guest nanosecond is one guest instruction: siglab's figure is then instructions per
 * operation, independent of how fast the host is.
 */
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

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

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
    return 0;
}
