// sstrace_output: what sstrace (user/sstrace.c, a tiny strace built on ptrace)
// prints for a small program: its system calls with their results, a signal on its
// way in, the handler's calls, and the exit. The small program is this one, run as
// "sstrace_output traced"; sstrace is ../sstrace natively (build/user/sstrace) and
// /bin/sstrace in siglab. Only the lines after the C library's start-up are shown
// (sstrace -s sched_yield), and every result printed is the same on every run.

#include "sigtest.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/wait.h>

static void on_segv(int sig)
{
    (void)sig;
    static const char msg[] = "traced: in the SIGSEGV handler\n";
    write(1, msg, sizeof msg - 1);
    _exit(3);
}

static int traced(void)
{
    sched_yield();      /* sstrace starts printing here */
    static const char hello[] = "traced: hello\n";
    write(1, hello, sizeof hello - 1);
    open("/nonexistent/file", O_RDONLY);
    close(-1);
    signal(SIGSEGV, on_segv);
    volatile int *volatile bad = (int *)16;
    *bad = 1;           /* SIGSEGV, si_code SEGV_MAPERR */
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return traced();
    dup2(1, 2);     /* sstrace writes to stderr: keep its lines in order with ours */
    char *args[] = { "sstrace", "-s", "sched_yield", argv[0], "traced", NULL };
    if (access("../sstrace", X_OK) == 0)
        execv("../sstrace", args);
    execv("/bin/sstrace", args);
    printf("cannot run sstrace: %s\n", strerror(errno));
    return 1;
}
