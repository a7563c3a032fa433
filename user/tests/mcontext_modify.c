// mcontext_modify: a handler's changes to saved registers and rip take effect after sigreturn
// lab: 4
//
// sigreturn restores the registers from the frame, so what a handler writes
// into uc_mcontext takes effect: here it changes rax, rbx and r15, and moves
// rip to a different resume point (skipping two instructions), and the
// interrupted code carries on with those values.

#define _GNU_SOURCE     // REG_RIP and friends
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

#include "sigtest.h"

extern const char resume_here[];

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    uc->uc_mcontext.gregs[REG_RAX] = 0x1234;
    uc->uc_mcontext.gregs[REG_RBX] = 0x5678;
    uc->uc_mcontext.gregs[REG_R15] = -42;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)resume_here;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t empty;
    uint64_t rax, rbx, r15;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGILL, &sa, NULL);

    asm volatile("mov $1, %%eax\n\t"
                 "mov $2, %%ebx\n\t"
                 "mov $3, %%r15d\n\t"
                 "ud2\n\t"
                 "mov $111, %%eax\n\t"      // skipped: rip moved past these
                 "mov $222, %%ebx\n"
                 "resume_here:\n\t"
                 "mov %%rax, %0\n\t"
                 "mov %%rbx, %1\n\t"
                 "mov %%r15, %2"
                 : "=m"(rax), "=m"(rbx), "=m"(r15) : : "rax", "rbx", "r15", "memory");

    check("rax set by the handler", rax, 0x1234);
    check("rbx set by the handler", rbx, 0x5678);
    check("r15 set by the handler", (long)r15, -42);
    return failures != 0;
}
