// SIGFPE's si_code names the floating-point exception, as Linux's
// fpu__exception_code decides it from the flags raised and not masked: invalid
// before divide-by-zero before overflow before underflow (or a denormal operand)
// before inexact. Each exception is unmasked in the x87 control word, raised once,
// and the handler reports si_code. (The same rule applies to SSE's MXCSR, and a
// denormal operand counts as underflow, but QEMU's TCG raises neither the SIMD
// exception #XM nor the x87 denormal flag, so those cases are not tested here.)
// siglab: kern/trap/trap.c fp_exception_code; sigtrace names the codes (trace.c).
#include "sigtest.h"
#include <setjmp.h>
#include <string.h>

static sigjmp_buf env;
static volatile int got_code;
static volatile int got_addr;

static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    got_code = si->si_code;
    got_addr = si->si_addr != 0;
    siglongjmp(env, 1);         // the handler's FPU state is the initial one: no flags
}

// The x87 control word's mask bits (a set bit masks that exception).
enum { INVALID = 0x01, PRECISION = 0x20, ALL = 0x3f };
enum op { ZERO_BY_ZERO, ONE_BY_ZERO, HUGE_TIMES_2_20000, TINY_TIMES_2_M20000, ONE_BY_THREE };

static const double zero = 0.0, three = 3.0;
static const int up = 20000, down = -20000;

// Run op with the exceptions in unmask unmasked; the si_code seen, 0 for no signal.
// The fault arrives at the next x87 instruction that waits (fwait).
static int x87(enum op op, unsigned unmask)
{
    unsigned short cw = 0x037f & ~unmask;
    got_code = 0;
    if (sigsetjmp(env, 1))
        return got_code;
    __asm__ volatile("fninit; fldcw %0" : : "m"(cw));
    switch (op) {
    case ZERO_BY_ZERO: __asm__ volatile("fldz; fdivl %0; fwait" : : "m"(zero)); break;
    case ONE_BY_ZERO:  __asm__ volatile("fld1; fdivl %0; fwait" : : "m"(zero)); break;
    case HUGE_TIMES_2_20000:
        __asm__ volatile("fildl %0; fld1; fscale; fwait" : : "m"(up)); break;
    case TINY_TIMES_2_M20000:
        __asm__ volatile("fildl %0; fld1; fscale; fwait" : : "m"(down)); break;
    case ONE_BY_THREE: __asm__ volatile("fld1; fdivl %0; fwait" : : "m"(three)); break;
    }
    __asm__ volatile("fninit");
    return 0;
}

int main(void)
{
    setvbuf(stdout, 0, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, 0);
    check("0/0, all unmasked: FPE_FLTINV", x87(ZERO_BY_ZERO, ALL), FPE_FLTINV);
    check("si_addr is set (the faulting instruction)", got_addr, 1);
    check("1/0, all unmasked: FPE_FLTDIV", x87(ONE_BY_ZERO, ALL), FPE_FLTDIV);
    check("1*2^20000, all unmasked: FPE_FLTOVF", x87(HUGE_TIMES_2_20000, ALL), FPE_FLTOVF);
    check("1*2^-20000, all unmasked: FPE_FLTUND", x87(TINY_TIMES_2_M20000, ALL), FPE_FLTUND);
    check("1/3, all unmasked: FPE_FLTRES", x87(ONE_BY_THREE, ALL), FPE_FLTRES);
    check("1*2^20000, only inexact unmasked: FPE_FLTRES", x87(HUGE_TIMES_2_20000, PRECISION), FPE_FLTRES);
    check("1/0, only invalid unmasked: no signal", x87(ONE_BY_ZERO, INVALID), 0);
    check("1/0, everything masked: no signal", x87(ONE_BY_ZERO, 0), 0);
    return failures != 0;
}
