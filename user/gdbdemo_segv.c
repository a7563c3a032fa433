// gdbdemo_segv: a fault for gdb to stop at (tests/gdb/, labs/gdb-tour.md). Built with
// -O0 (see the Makefile), as a student's first program is: breakpoints on on_segv must
// land after its prologue and show its real arguments.
//
//   gdbdemo_segv        no handler: the store to address 0x10 faults and SIGSEGV kills
//                       the program (native gdb: "Program received signal SIGSEGV")
//   gdbdemo_segv -h     on_segv (SA_SIGINFO) catches it, prints si_addr and exits 0
//   gdbdemo_segv -n     the same, but on_segv first raises SIGUSR1, whose handler runs
//                       nested on top of it: two signal frames on the stack
//   gdbdemo_segv -r     on_segv returns the first time: rt_sigreturn goes back to the
//                       faulting store, which faults again; the second time it exits
//
// Just before the store, xmm0 holds XMM0_BEFORE; on_segv puts another value there, so
// in gdb `frame 2; p $xmm0` shows whether the interrupted frame's xmm0 comes from the
// signal frame (it must be XMM0_BEFORE) or is the handler's.

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define XMM0_BEFORE 0x1122334455667788UL
#define XMM0_IN_HANDLER 0x0123456789abcdefUL

static int *const fault_address = (int *)0x10;
static int nested;
static int return_once;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("gdbdemo_segv: nested signal %d from pid %d\n", sig, (int)si->si_pid);
}

// kill(getpid(), sig) as one syscall instruction in this -O0 code: the signal arrives
// as the syscall returns, in a function gdb has unwind information for (musl's libc.a
// has none, so a backtrace from inside raise() or kill() would stop there).
static void kill_self_inline(int sig)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_kill), "D"((long)getpid()), "S"((long)sig)
                     : "rcx", "r11", "memory");
    (void)ret;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (return_once) {
        return_once = 0;
        return;
    }
    unsigned long mine = XMM0_IN_HANDLER;
    __asm__ volatile("movq %0, %%xmm0" : : "r"(mine) : "xmm0");
    printf("gdbdemo_segv: signal %d at address %p\n", sig, si->si_addr);
    if (nested)
        kill_self_inline(SIGUSR1);
    fflush(stdout);
    _exit(0);
}

static void store_through(int *p, int value)
{
    unsigned long before = XMM0_BEFORE;
    __asm__ volatile("movq %0, %%xmm0" : : "r"(before) : "xmm0");
    *p = value;
}

int main(int argc, char **argv)
{
    nested = argc > 1 && strcmp(argv[1], "-n") == 0;
    return_once = argc > 1 && strcmp(argv[1], "-r") == 0;
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || nested || return_once)) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_segv;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGSEGV, &sa, NULL);
        sa.sa_sigaction = on_usr1;
        sigaction(SIGUSR1, &sa, NULL);
    }
    store_through(fault_address, 42);
    printf("gdbdemo_segv: the store did not fault\n");
    return 1;
}
