// gdbdemo: a signal for gdb to walk through (labs/gdb-tour.md, labs/gdb-sigreturn.md,
// tests/gdb/). A 10 ms timer sends SIGALRM while compute() is busy in a loop; the
// handler on_alarm() counts it, returns, and compute() carries on where it was.
//
//   gdbdemo      the handler is installed with sigaction(): musl sets SA_RESTORER,
//                so on_alarm returns into musl's __restore_rt
//   gdbdemo -k   the handler is installed with the raw rt_sigaction system call and
//                no SA_RESTORER: on_alarm returns into the kernel's trampoline page
//                (siglab only: Linux refuses handlers without SA_RESTORER on x86-64)
//
// Both restorers are the same two instructions, mov $15,%rax; syscall (rt_sigreturn).

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
}

// The struct sigaction the kernel reads (not the C library's): what -k passes.
struct kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};

static void install_handler(int use_kernel_trampoline)
{
    if (use_kernel_trampoline) {
        struct kernel_sigaction ka = { on_alarm, 0, 0, 0 };    // no SA_RESTORER
        syscall(SYS_rt_sigaction, SIGALRM, &ka, NULL, sizeof ka.mask);
    } else {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm;
        sigaction(SIGALRM, &sa, NULL);
    }
}

// Busy work for the timer to interrupt. x changes on every turn of the loop, so
// after the handler the registers must come back exactly, or the result differs.
__attribute__((noipa)) static unsigned long compute(unsigned long x)
{
    while (ticks == 0)
        x = x * 6364136223846793005UL + 1442695040888963407UL;
    return x;
}

int main(int argc, char **argv)
{
    int use_kernel_trampoline = argc > 1 && strcmp(argv[1], "-k") == 0;
    struct itimerval once = { { 0, 0 }, { 0, 10000 } };    // one SIGALRM in 10 ms

    install_handler(use_kernel_trampoline);
    setitimer(ITIMER_REAL, &once, NULL);
    unsigned long x = compute(1);
    printf("gdbdemo: handler returned through %s; %d tick, x = %#lx\n",
           use_kernel_trampoline ? "the kernel trampoline page" : "musl's __restore_rt",
           (int)ticks, x);
    return 0;
}
