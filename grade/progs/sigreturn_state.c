// sigreturn_state (lab 4): what rt_sigreturn must do besides copying registers back.
//
//  - orig_rax = -1: the return from rt_sigreturn is not the return of a system call,
//    so no restart logic may touch it, even when the restored rax looks like a
//    restart code and a signal is delivered on the way out. Here the handler puts
//    -RESTART (an ERESTART* code) in the saved rax and sends a second signal, which
//    its sa_mask holds back until the sigreturn; that signal's handler has no
//    SA_RESTART, so a kernel that still thought "system call 15" would turn the rax
//    into -EINTR (lab 5's code, or its stub).
//  - the FPU image is checked, as Linux's fpu__restore_sig does: reserved MXCSR bits
//    or an fpstate that fxrstor cannot take (not 16-byte aligned) make the frame bad,
//    and the process gets SIGSEGV; a valid MXCSR comes back as it was written.
//
// usage: sigreturn_state SIG SIG2 RESTART MXCSR    (RESTART: 512, 513, 514 or 516)

#include "grade.h"
#include <ucontext.h>

static long restart_code;
static unsigned mxcsr_wanted;
static int sig2, forgery;

extern long kill_and_rax(long pid, long sig);
asm(".text\n"
    ".globl kill_and_rax\n"
    "kill_and_rax:\n"
    "  mov $62, %eax\n"
    "  syscall\n"         // rax after the handlers: whatever the return path left
    "  ret\n");

static void outer(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)si;
    switch (forgery) {
    case 0:
        uc->uc_mcontext.gregs[REG_RAX] = -restart_code;
        kill(getpid(), sig2);       // blocked by sa_mask until rt_sigreturn
        break;
    case 1:
        uc->uc_mcontext.fpregs->mxcsr |= 1u << 20;      // a reserved bit
        break;
    case 2:
        uc->uc_mcontext.fpregs = (void *)((char *)uc->uc_mcontext.fpregs + 8);
        break;
    case 3:
        uc->uc_mcontext.fpregs->mxcsr = mxcsr_wanted;
        break;
    }
}

static int inner_ran;
static void inner(int sig)
{
    (void)sig;
    inner_ran++;
}

static void fpu_case(int sig, int which, const char *what)
{
    pid_t c = fork();
    if (c == 0) {
        struct rlimit rl = { 0, 0 };
        setrlimit(RLIMIT_CORE, &rl);
        forgery = which;
        on(sig, outer, SA_SIGINFO, 0);
        kill(getpid(), sig);
        unsigned m;
        __asm__ volatile("stmxcsr %0" : "=m"(m));
        printf("  mxcsr after the return: %#x\n", m);
        _exit(0);
    }
    printf("%s: child %s\n", what, reap(c, 0));
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1);
    sig2 = arg(argc, argv, 2);
    restart_code = arg(argc, argv, 3);
    mxcsr_wanted = arg(argc, argv, 4);

    on(sig, outer, SA_SIGINFO, bit(sig2));
    on(sig2, inner, 0, 0);
    long rax = kill_and_rax(getpid(), sig);
    printf("handler of the second signal ran: %d time(s)\n", inner_ran);
    printf("rax after rt_sigreturn, a signal delivered on the way out: %ld\n", rax);

    fpu_case(sig, 1, "reserved MXCSR bit in fpstate");
    fpu_case(sig, 2, "fpstate 8 bytes off its alignment");
    fpu_case(sig, 3, "a valid MXCSR in fpstate");
    return 0;
}
