// fpe_intdiv: #DE raises SIGFPE, FPE_INTDIV, si_addr = the div instruction
// lab: 3
//
// An integer division that faults (#DE) raises SIGFPE with si_code FPE_INTDIV
// and si_addr = the address of the div instruction. That holds for division by
// zero and for the overflowing INT64_MIN / -1 alike.
//
// The handler leaves by siglongjmp (fault.h), so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends (fault.h)
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "sigtest.h"
#include "fault.h"

extern const char idiv_insn[], div32_insn[];

// rdx:rax / divisor, signed 64-bit.
__attribute__((noinline)) static void idiv64(int64_t dividend, int64_t divisor)
{
    asm volatile("mov %0, %%rax\n\t"
                 "cqo\n"
                 "idiv_insn: idivq %1"
                 : : "r"(dividend), "r"(divisor) : "rax", "rdx", "cc");
}

// edx:eax / divisor, unsigned 32-bit.
__attribute__((noinline)) static void div32(uint32_t divisor)
{
    asm volatile("mov $1, %%eax\n\t"
                 "xor %%edx, %%edx\n"
                 "div32_insn: divl %0"
                 : : "r"(divisor) : "rax", "rdx", "cc");
}

static void expect(const char *name, const char *insn)
{
    char what[96];
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, caught.handled, 1);
    snprintf(what, sizeof what, "%s: si_signo SIGFPE", name);
    check(what, caught.info.si_signo, SIGFPE);
    snprintf(what, sizeof what, "%s: si_code FPE_INTDIV", name);
    check(what, caught.info.si_code, FPE_INTDIV);
    snprintf(what, sizeof what, "%s: si_addr is the div instruction", name);
    check(what, caught.info.si_addr == insn, 1);
    snprintf(what, sizeof what, "%s: rip is the div instruction", name);
    check(what, caught.rip == (uint64_t)insn, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    catch_fault(SIGFPE);

    run_faulting(idiv64(7, 0));
    expect("7 / 0 (idivq)", idiv_insn);

    run_faulting(div32(0));
    expect("1 / 0 (divl)", div32_insn);

    run_faulting(idiv64(INT64_MIN, -1));
    expect("INT64_MIN / -1 (idivq)", idiv_insn);
    return failures != 0;
}
