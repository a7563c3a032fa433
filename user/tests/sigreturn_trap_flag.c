// sigreturn_trap_flag: TF set in the frame single-steps one instruction, then SIGTRAP
// lab: 4
//
// TF is one of the flags sigreturn restores, so a handler that sets it in the
// saved eflags turns on single-stepping: the first instruction after the return
// runs, then a debug trap raises SIGTRAP (si_code TRAP_TRACE, rip = the next
// instruction). The SIGTRAP handler runs with TF clear; clearing TF in its
// frame ends the stepping.

#define _GNU_SOURCE     // REG_RIP and friends
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

#include "sigtest.h"

#define TF 0x100

static int traps, trap_code, tf_in_trap_handler, tf_in_frame;
static uint64_t trap_rip;
static void *trap_addr;

static void on_sigill(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    uc->uc_mcontext.gregs[REG_RIP] += 2;
    uc->uc_mcontext.gregs[REG_EFL] |= TF;
}

static void on_sigtrap(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    uint64_t flags;
    (void)sig;
    asm volatile("pushfq\n\tpop %0" : "=r"(flags));
    traps++;
    trap_code = info->si_code;
    trap_addr = info->si_addr;
    trap_rip = uc->uc_mcontext.gregs[REG_RIP];
    tf_in_frame = (uc->uc_mcontext.gregs[REG_EFL] & TF) != 0;
    tf_in_trap_handler = (flags & TF) != 0;
    uc->uc_mcontext.gregs[REG_EFL] &= ~TF;
}

extern const char after_first[];

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction ill = { .sa_sigaction = on_sigill, .sa_flags = SA_SIGINFO };
    struct sigaction trap = { .sa_sigaction = on_sigtrap, .sa_flags = SA_SIGINFO };
    sigset_t empty;
    uint64_t rax;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGILL, &ill, NULL);
    sigaction(SIGTRAP, &trap, NULL);

    asm volatile("xor %%eax, %%eax\n\t"
                 "ud2\n\t"
                 "inc %%eax\n"          // runs, then the trap
                 "after_first:\n\t"
                 "inc %%eax\n\t"        // runs after the SIGTRAP handler
                 "inc %%eax\n\t"
                 "mov %%rax, %0"
                 : "=r"(rax) : : "rax", "cc");

    check("exactly one SIGTRAP", traps, 1);
    check("si_code TRAP_TRACE", trap_code, TRAP_TRACE);
    check("rip is after the first instruction", trap_rip == (uint64_t)after_first, 1);
    check("si_addr is that rip too", trap_addr == (void *)after_first, 1);
    check("the frame has TF set", tf_in_frame, 1);
    check("the SIGTRAP handler runs with TF clear", tf_in_trap_handler, 0);
    check("all three increments ran", rax, 3);
    return failures != 0;
}
