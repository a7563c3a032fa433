// sigreturn_eflags: sigreturn takes only the user-changeable flags from the frame
// lab: 4
//
// sigreturn takes only the user-changeable flags from the frame (CF PF AF ZF SF
// TF DF OF AC RF). A handler that sets IOPL 3, NT, VM, VIF, VIP or ID, or
// clears IF, in the saved eflags changes nothing: after the return IOPL is 0,
// IF is set and the others are as before. The arithmetic flags, DF and AC do
// come from the frame.

#define _GNU_SOURCE     // REG_RIP and friends
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

#include "sigtest.h"

#define CF   0x000001
#define ZF   0x000040
#define SF   0x000080
#define IF   0x000200
#define DF   0x000400
#define OF   0x000800
#define IOPL 0x003000
#define NT   0x004000
#define VM   0x020000
#define AC   0x040000
#define VIF  0x080000
#define VIP  0x100000
#define ID   0x200000

static uint64_t flags_in_frame;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *g = uc->uc_mcontext.gregs;
    (void)sig, (void)info;
    g[REG_RIP] += 2;
    flags_in_frame = g[REG_EFL];
    g[REG_EFL] |= IOPL | NT | VM | VIF | VIP | ID | AC | DF | CF | ZF | OF;
    g[REG_EFL] &= ~(IF | SF);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t empty;
    uint64_t before, after;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGILL, &sa, NULL);

    // Going in: SF set, CF ZF OF clear. Coming out: read the flags at once,
    // then clear DF and AC again before any compiled code runs.
    asm volatile("pushfq\n\t"
                 "pop %0\n\t"
                 "mov $-1, %%eax\n\t"
                 "add $0, %%eax\n\t"        // SF=1, ZF=0, CF=0, OF=0
                 "ud2\n\t"
                 "pushfq\n\t"
                 "pop %1\n\t"
                 "cld\n\t"
                 "pushfq\n\t"
                 "andq $~0x40000, (%%rsp)\n\t"
                 "popfq"
                 : "=&r"(before), "=r"(after) : : "rax", "memory", "cc");

    check("the frame had IF set", (flags_in_frame & IF) != 0, 1);
    check("the frame had IOPL 0", flags_in_frame & IOPL, 0);
    check("after: IOPL still 0", after & IOPL, 0);
    check("after: IF still set", after & IF, IF);
    check("after: NT not set", after & NT, 0);
    check("after: VM not set", after & VM, 0);
    check("after: VIF and VIP not set", after & (VIF | VIP), 0);
    check("after: ID as before", after & ID, before & ID);
    check("after: AC set by the handler", after & AC, AC);
    check("after: DF set by the handler", after & DF, DF);
    check("after: CF, ZF, OF set by the handler", after & (CF | ZF | OF), CF | ZF | OF);
    check("after: SF cleared by the handler", after & SF, 0);
    return failures != 0;
}
