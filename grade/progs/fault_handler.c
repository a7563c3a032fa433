// fault_handler (lab 3): a fault's handler learns what happened: si_code and si_addr
// in the siginfo, and in uc_mcontext the faulting rip and Linux's trapno, err (the
// page-fault error code) and cr2.
//
// usage: fault_handler ADDR SIG
//   reads ADDR (unmapped), writes to our own (read-only) code, then raises SIG:
//   SIGILL (4) with ud2, SIGFPE (8) dividing by zero

#include "grade.h"
#include <setjmp.h>
#include <ucontext.h>

static sigjmp_buf env;
static uint64_t fault_rip, fault_addr;

extern char read_insn[], write_insn[], ud2_insn[], div_insn[];

static void handler(int sig, siginfo_t *si, void *ucv)
{
    greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;
    printf("%s: si_code %d, si_addr right: %s, rip at the fault: %s, trapno %lld", signame(sig),
           si->si_code, (uint64_t)si->si_addr == fault_addr ? "yes" : "no",
           (uint64_t)g[REG_RIP] == fault_rip ? "yes" : "no", g[REG_TRAPNO]);
    if (sig == SIGSEGV)
        printf(", err %lld, cr2 = si_addr: %s", g[REG_ERR],
               (uint64_t)g[REG_CR2] == (uint64_t)si->si_addr ? "yes" : "no");
    if (sig == SIGSEGV && si->si_code == SEGV_MAPERR)
        printf(", si_addr %#lx", (unsigned long)si->si_addr);
    printf("\n");
    siglongjmp(env, 1);
}

int main(int argc, char **argv)
{
    grade_start();
    uint64_t addr = arg(argc, argv, 1);
    int sig = arg(argc, argv, 2);

    on(SIGSEGV, handler, SA_SIGINFO, 0);
    on(SIGILL, handler, SA_SIGINFO, 0);
    on(SIGFPE, handler, SA_SIGINFO, 0);

    if (!sigsetjmp(env, 1)) {
        fault_rip = (uint64_t)read_insn;
        fault_addr = addr;
        asm volatile("read_insn: movq (%0), %%rax" : : "r"(addr) : "rax", "memory");
        printf("the read did not fault\n");
    }
    if (!sigsetjmp(env, 1)) {
        fault_rip = (uint64_t)write_insn;
        fault_addr = (uint64_t)main;
        asm volatile("write_insn: movb $0, (%0)" : : "r"(main) : "memory");
        printf("the write did not fault\n");
    }
    if (!sigsetjmp(env, 1)) {
        if (sig == SIGILL) {
            fault_rip = fault_addr = (uint64_t)ud2_insn;
            asm volatile("ud2_insn: ud2");
        } else {
            fault_rip = fault_addr = (uint64_t)div_insn;
            asm volatile("xor %%edx, %%edx; mov $1, %%eax; xor %%ecx, %%ecx\n"
                         "div_insn: divl %%ecx" : : : "rax", "rcx", "rdx");
        }
        printf("no fault\n");
    }
    printf("done\n");
    return 0;
}
