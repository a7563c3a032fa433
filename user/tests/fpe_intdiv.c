// fpe_intdiv: #DE raises SIGFPE, FPE_INTDIV, si_addr = the div instruction
// lab: 3
//
// An integer division that faults (#DE) raises SIGFPE with si_code FPE_INTDIV
// and si_addr = the address of the div instruction. That holds for division by
// zero and for the overflowing INT64_MIN / -1 alike.
//
// The handler leaves by siglongjmp, so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

#include "sigtest.h"

static sigjmp_buf env;
static siginfo_t got;
static uint64_t got_rip;
static int handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    handled++;
    got = *info;
    got_rip = uc->uc_mcontext.gregs[REG_RIP];
    siglongjmp(env, 1);
}

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
    check(what, handled, 1);
    snprintf(what, sizeof what, "%s: si_signo SIGFPE", name);
    check(what, got.si_signo, SIGFPE);
    snprintf(what, sizeof what, "%s: si_code FPE_INTDIV", name);
    check(what, got.si_code, FPE_INTDIV);
    snprintf(what, sizeof what, "%s: si_addr is the div instruction", name);
    check(what, got.si_addr == insn, 1);
    snprintf(what, sizeof what, "%s: rip is the div instruction", name);
    check(what, got_rip == (uint64_t)insn, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGFPE, &sa, NULL);

    handled = 0;
    if (sigsetjmp(env, 1) == 0)
        idiv64(7, 0);
    expect("7 / 0 (idivq)", idiv_insn);

    handled = 0;
    if (sigsetjmp(env, 1) == 0)
        div32(0);
    expect("1 / 0 (divl)", div32_insn);

    handled = 0;
    if (sigsetjmp(env, 1) == 0)
        idiv64(INT64_MIN, -1);
    expect("INT64_MIN / -1 (idivq)", idiv_insn);
    return failures != 0;
}
