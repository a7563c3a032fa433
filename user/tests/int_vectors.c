// int_vectors: `int $n` from user mode reaches only the vectors Linux opens to ring 3
// lab: 3
//
// The IDT gate of each vector has a privilege level (DPL). Linux lets ring 3 raise
// two vectors with an int instruction: 3 (int3, SIGTRAP) and 4 (overflow, SIGSEGV
// with trapno 4), both traps, so rip is after the instruction. Every other vector
// (the exceptions, device interrupts, the 32-bit system call vector 0x80 on a
// kernel without IA32 emulation) is a general protection fault instead: SIGSEGV,
// SI_KERNEL, trapno 13, rip at the int instruction, and an error code that names
// an IDT entry (bit 1 set; the rest is the vector, written differently by QEMU).
// Vector 0x80 itself is not tried here: a Linux with IA32 emulation (the usual
// distribution kernel) runs a 32-bit system call there. See user/ktests/compat_syscall.c.
//
// The handler leaves by siglongjmp (fault.h), so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends (fault.h)
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "sigtest.h"
#include "fault.h"

// One function per vector: the int instruction at label int_N, the next one at after_N.
#define INT_N(n)                                                        \
    extern const char int_##n[], after_##n[];                           \
    __attribute__((noinline)) static void do_int_##n(void)              \
    {                                                                   \
        asm volatile("int_" #n ": int $" #n "\n" "after_" #n ": nop");  \
    }
INT_N(0) INT_N(1) INT_N(2) INT_N(3) INT_N(4) INT_N(5) INT_N(6) INT_N(8)
INT_N(13) INT_N(14) INT_N(32) INT_N(33) INT_N(129) INT_N(255)

struct vector {
    const char *name;
    void (*fn)(void);
    const char *insn, *after;
};
#define VEC(n) { "int $" #n, do_int_##n, int_##n, after_##n }

// The vector's outcome as it should be: SIG with TRAPNO, trap (rip after) or fault.
static void expect(const struct vector *v, int sig, long trapno, int trap)
{
    char what[96];
    caught.info.si_signo = 0;
    run_faulting(v->fn());
    snprintf(what, sizeof what, "%s: signal %d", v->name, sig);
    check(what, caught.info.si_signo, sig);
    snprintf(what, sizeof what, "%s: si_code SI_KERNEL", v->name);
    check(what, caught.info.si_code, SI_KERNEL);
    snprintf(what, sizeof what, "%s: trapno %ld", v->name, trapno);
    check(what, caught.trapno, trapno);
    snprintf(what, sizeof what, "%s: rip %s", v->name, trap ? "after it" : "at it");
    check(what, caught.rip == (uint64_t)(trap ? v->after : v->insn), 1);
    if (trap) {
        snprintf(what, sizeof what, "%s: err 0", v->name);
        check(what, caught.err, 0);
    } else {
        snprintf(what, sizeof what, "%s: err names an IDT entry", v->name);
        check(what, caught.err & 7, 2);
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    catch_fault(SIGSEGV);
    catch_fault(SIGTRAP);

    static const struct vector open_vectors[] = { VEC(3), VEC(4) };
    expect(&open_vectors[0], SIGTRAP, 3, 1);
    expect(&open_vectors[1], SIGSEGV, 4, 1);

    static const struct vector closed[] = {
        VEC(0), VEC(1), VEC(2), VEC(5), VEC(6), VEC(8), VEC(13), VEC(14),
        VEC(32), VEC(33), VEC(129), VEC(255),
    };
    for (unsigned i = 0; i < sizeof closed / sizeof closed[0]; i++)
        expect(&closed[i], SIGSEGV, 13, 0);
    return failures != 0;
}
