// ill_ud2: ud2 raises SIGILL, ILL_ILLOPN, si_addr = the instruction
// lab: 3
//
// An undefined opcode (ud2) raises SIGILL with si_code ILL_ILLOPN and si_addr =
// the address of the instruction, which is also the rip saved in the ucontext.
//
// The handler leaves by siglongjmp (fault.h), so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends (fault.h)
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "sigtest.h"
#include "fault.h"

extern const char ud2_insn[];

__attribute__((noinline)) static void do_ud2(void)
{
    asm volatile("ud2_insn: ud2");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    catch_fault(SIGILL);

    run_faulting(do_ud2());
    check("handler ran once", caught.handled, 1);
    check("si_signo SIGILL", caught.info.si_signo, SIGILL);
    check("si_code ILL_ILLOPN", caught.info.si_code, ILL_ILLOPN);
    check("si_addr is the ud2", caught.info.si_addr == ud2_insn, 1);
    check("rip is the ud2", caught.rip == (uint64_t)ud2_insn, 1);
    return failures != 0;
}
