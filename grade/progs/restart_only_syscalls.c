// restart_only_syscalls (lab 5): the restart decision applies to system calls only.
// A read interrupted by an SA_RESTART handler is restarted; but a signal that
// interrupts user code (here a timer signal while the program spins) arrives with
// orig_rax = -1, and then rax is just a register, even when it holds a value that
// looks like a restart code: it must come back untouched, and rip too (a kernel that
// "restarted" would set rax to orig_rax and move rip back two bytes).
//
// usage: restart_only_syscalls SIG RESTART NONCE   (RESTART: 512, 513, 514 or 516)

#include "grade.h"
#include <sys/time.h>

static volatile int handled;
static void handler(int sig)
{
    (void)sig;
    handled++;
}

// Spin with rax = -code until the handler has run `want` times (or a bound passes);
// returns how many iterations saw rax changed.
static long spin_with_rax(long code, int want)
{
    long changed = 0;
    for (long round = 0; handled < want && round < 20000; round++) {
        long rax = -code;
        long left = 100000;
        __asm__ volatile("1: cmp %[code], %%rax\n\t"
                         "jne 2f\n\t"
                         "dec %[left]\n\t"
                         "jnz 1b\n"
                         "2:"
                         : "+a"(rax), [left] "+r"(left)
                         : [code] "r"(-code)
                         : "cc");
        changed += rax != -code;
    }
    return changed;
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1);
    long code = arg(argc, argv, 2), nonce = arg(argc, argv, 3);

    // A system call interrupted by an SA_RESTART handler: restarted, data arrives.
    int p[2];
    pipe(p);
    on(sig, handler, SA_RESTART, 0);
    pid_t c = fork();
    if (c == 0) {
        sleep_ms(50);
        kill(getppid(), sig);
        sleep_ms(50);
        char text[32];
        int n = snprintf(text, sizeof text, "%06ld", nonce % 1000000);
        write(p[1], text, n);
        _exit(0);
    }
    char buf[32] = "";
    long n = read(p[0], buf, sizeof buf - 1);
    printf("read with an SA_RESTART handler: %ld, data %s; handler ran %d time(s)\n", n,
           n > 0 ? buf : "-", handled);
    reap(c, 0);

    // User code interrupted by timer signals, rax holding -code all along.
    handled = 0;
    struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
    on(SIGALRM, handler, SA_RESTART, 0);
    setitimer(ITIMER_REAL, &it, NULL);
    long changed = spin_with_rax(code, 5);
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("timer signals while rax = -%ld in user code: at least 5: %s\n", code,
           handled >= 5 ? "yes" : "no");
    printf("rax and rip untouched by them: %s\n", changed == 0 ? "yes" : "no");
    return 0;
}
