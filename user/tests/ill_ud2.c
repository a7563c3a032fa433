// ill_ud2: ud2 raises SIGILL, ILL_ILLOPN, si_addr = the instruction
// lab: 3
//
// An undefined opcode (ud2) raises SIGILL with si_code ILL_ILLOPN and si_addr =
// the address of the instruction, which is also the rip saved in the ucontext.
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

extern const char ud2_insn[];

__attribute__((noinline)) static void do_ud2(void)
{
    asm volatile("ud2_insn: ud2");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGILL, &sa, NULL);

    if (sigsetjmp(env, 1) == 0)
        do_ud2();
    check("handler ran once", handled, 1);
    check("si_signo SIGILL", got.si_signo, SIGILL);
    check("si_code ILL_ILLOPN", got.si_code, ILL_ILLOPN);
    check("si_addr is the ud2", got.si_addr == ud2_insn, 1);
    check("rip is the ud2", got_rip == (uint64_t)ud2_insn, 1);
    return failures != 0;
}
