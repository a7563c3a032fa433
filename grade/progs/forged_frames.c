// forged_frames (lab 4): the frame is user memory, so rt_sigreturn must trust none of
// it (Linux restore_sigcontext). eflags keeps only the flags user code may set:
// no IOPL, IF stays on, but AC is fine. A kernel cs, a non-canonical rip or an
// unreadable frame end in SIGSEGV for the process, never in trouble for the kernel.
//
// usage: forged_frames SIG

#include "grade.h"
#include <ucontext.h>

extern void kill_and_flags(long pid, long sig);
uint64_t flags_after;

asm(".text\n"
    ".globl kill_and_flags\n"
    "kill_and_flags:\n"
    "  mov $62, %eax\n"
    "  syscall\n"
    "  pushfq\n"
    "  popq flags_after(%rip)\n"
    "  pushfq\n"
    "  andq $~0x40000, (%rsp)\n"
    "  popfq\n"
    "  ret\n");

static int forgery;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;
    (void)sig, (void)si;
    switch (forgery) {
    case 0:     // IOPL 3, IF off, AC on
        g[REG_EFL] = (g[REG_EFL] | 0x3000 | 0x40000) & ~0x200LL;
        break;
    case 1:     // the kernel's code segment
        g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffLL) | 0x08;
        break;
    case 2:     // a non-canonical rip
        g[REG_RIP] = (greg_t)0x8000000000001000ULL;
        break;
    }
}

static void run(int sig, int which, const char *what)
{
    pid_t c = fork();
    if (c == 0) {
        struct rlimit rl = { 0, 0 };
        setrlimit(RLIMIT_CORE, &rl);
        forgery = which;
        on(sig, handler, SA_SIGINFO, 0);
        if (which == 3) {
            // rt_sigreturn with the stack pointer on an unmapped page.
            asm volatile("mov $0x100000000000, %%rsp; mov $15, %%eax; syscall" : : : "memory");
        }
        kill_and_flags(getpid(), sig);
        printf("  eflags after the return: IOPL %llu, IF %s, AC %s\n",
               (unsigned long long)(flags_after >> 12) & 3, flags_after & 0x200 ? "on" : "off",
               flags_after & 0x40000 ? "on" : "off");
        _exit(0);
    }
    printf("%s: child %s\n", what, reap(c, 0));
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1);
    run(sig, 0, "IOPL 3 and IF off in uc eflags");
    run(sig, 1, "kernel cs in uc");
    run(sig, 2, "non-canonical rip in uc");
    run(sig, 3, "rt_sigreturn with an unreadable frame");
    return 0;
}
