// trap_int3: int3 raises SIGTRAP, SI_KERNEL, rip after the instruction
// lab: 3
//
// A breakpoint instruction (int3, 0xcc) raises SIGTRAP with si_code SI_KERNEL
// and si_addr 0. It is a trap, not a fault: the saved rip is the instruction
// after the int3. The two-byte form int $3 (cd 03) does the same.
//
// The handler leaves by siglongjmp (fault.h), so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends (fault.h)
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "sigtest.h"
#include "fault.h"

extern const char after_int3[], after_int_3[];

__attribute__((noinline)) static void do_int3(void)
{
    asm volatile(".byte 0xcc\n"
                 "after_int3: nop");
}

__attribute__((noinline)) static void do_int_3(void)
{
    asm volatile(".byte 0xcd, 0x03\n"
                 "after_int_3: nop");
}

static void expect(const char *name, const char *after)
{
    char what[96];
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, caught.handled, 1);
    snprintf(what, sizeof what, "%s: si_signo SIGTRAP", name);
    check(what, caught.info.si_signo, SIGTRAP);
    snprintf(what, sizeof what, "%s: si_code SI_KERNEL", name);
    check(what, caught.info.si_code, SI_KERNEL);
    snprintf(what, sizeof what, "%s: si_addr 0", name);
    check(what, caught.info.si_addr == NULL, 1);
    snprintf(what, sizeof what, "%s: rip is just after it", name);
    check(what, caught.rip == (uint64_t)after, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    catch_fault(SIGTRAP);

    run_faulting(do_int3());
    expect("int3", after_int3);

    run_faulting(do_int_3());
    expect("int $3", after_int_3);
    return failures != 0;
}
