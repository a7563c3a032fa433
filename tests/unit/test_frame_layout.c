// sources: tests/unit/frame_offsets_kernel.c
/*
 * The signal frame siglab builds must be Linux's byte for byte (docs/design.md section 4):
 * compare every offset and size with the host's own headers. The C library's
 * ucontext_t and struct sigcontext share the kernel's layout up to uc_sigmask.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ucontext.h>
#include "tests/unit/check.h"

struct layout {
    const char *name;
    unsigned long value;
};
extern const struct layout kernel_layout[];

static long ours(const char *name)
{
    for (const struct layout *l = kernel_layout; l->name; l++)
        if (strcmp(l->name, name) == 0)
            return (long)l->value;
    printf("no kernel layout entry named %s\n", name);
    return -1;
}

#define SC(field) (offsetof(ucontext_t, uc_mcontext) + offsetof(struct sigcontext, field) - \
                   offsetof(ucontext_t, uc_mcontext))
#define CHECK_LAYOUT(name, host) CHECK_EQ(ours(name), (long)(host))

/* The kernel's sigaction, as rt_sigaction takes it (not the C library's). */
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    unsigned long mask;
};

int main(void)
{
    /* rt_sigframe: pretcode, then the ucontext, then siginfo (asm/sigframe.h). */
    CHECK_LAYOUT("sizeof rt_sigframe", 8 + offsetof(ucontext_t, uc_sigmask) + 8 + sizeof(siginfo_t));
    CHECK_LAYOUT("rt_sigframe.pretcode", 0);
    CHECK_LAYOUT("rt_sigframe.uc", 8);
    CHECK_LAYOUT("rt_sigframe.info", 8 + offsetof(ucontext_t, uc_sigmask) + 8);

    CHECK_LAYOUT("sizeof ucontext_x86_64", offsetof(ucontext_t, uc_sigmask) + 8);
    CHECK_LAYOUT("ucontext_x86_64.uc_flags", offsetof(ucontext_t, uc_flags));
    CHECK_LAYOUT("ucontext_x86_64.uc_link", offsetof(ucontext_t, uc_link));
    CHECK_LAYOUT("ucontext_x86_64.uc_stack", offsetof(ucontext_t, uc_stack));
    CHECK_LAYOUT("ucontext_x86_64.uc_mcontext", offsetof(ucontext_t, uc_mcontext));
    CHECK_LAYOUT("ucontext_x86_64.uc_sigmask", offsetof(ucontext_t, uc_sigmask));

    CHECK_LAYOUT("sizeof stack_t_k", sizeof(stack_t));
    CHECK_LAYOUT("stack_t_k.ss_sp", offsetof(stack_t, ss_sp));
    CHECK_LAYOUT("stack_t_k.ss_flags", offsetof(stack_t, ss_flags));
    CHECK_LAYOUT("stack_t_k.ss_size", offsetof(stack_t, ss_size));

    /* sigcontext: the same as mcontext_t's gregs[] order (REG_R8 ... REG_CR2). */
    CHECK_LAYOUT("sizeof sigcontext_x86_64", sizeof(struct sigcontext));
    CHECK_LAYOUT("sigcontext_x86_64.r8", offsetof(struct sigcontext, r8));
    CHECK_LAYOUT("sigcontext_x86_64.r9", offsetof(struct sigcontext, r9));
    CHECK_LAYOUT("sigcontext_x86_64.r10", offsetof(struct sigcontext, r10));
    CHECK_LAYOUT("sigcontext_x86_64.r11", offsetof(struct sigcontext, r11));
    CHECK_LAYOUT("sigcontext_x86_64.r12", offsetof(struct sigcontext, r12));
    CHECK_LAYOUT("sigcontext_x86_64.r13", offsetof(struct sigcontext, r13));
    CHECK_LAYOUT("sigcontext_x86_64.r14", offsetof(struct sigcontext, r14));
    CHECK_LAYOUT("sigcontext_x86_64.r15", offsetof(struct sigcontext, r15));
    CHECK_LAYOUT("sigcontext_x86_64.rdi", offsetof(struct sigcontext, rdi));
    CHECK_LAYOUT("sigcontext_x86_64.rsi", offsetof(struct sigcontext, rsi));
    CHECK_LAYOUT("sigcontext_x86_64.rbp", offsetof(struct sigcontext, rbp));
    CHECK_LAYOUT("sigcontext_x86_64.rbx", offsetof(struct sigcontext, rbx));
    CHECK_LAYOUT("sigcontext_x86_64.rdx", offsetof(struct sigcontext, rdx));
    CHECK_LAYOUT("sigcontext_x86_64.rax", offsetof(struct sigcontext, rax));
    CHECK_LAYOUT("sigcontext_x86_64.rcx", offsetof(struct sigcontext, rcx));
    CHECK_LAYOUT("sigcontext_x86_64.rsp", offsetof(struct sigcontext, rsp));
    CHECK_LAYOUT("sigcontext_x86_64.rip", offsetof(struct sigcontext, rip));
    CHECK_LAYOUT("sigcontext_x86_64.eflags", offsetof(struct sigcontext, eflags));
    CHECK_LAYOUT("sigcontext_x86_64.cs", offsetof(struct sigcontext, cs));
    CHECK_LAYOUT("sigcontext_x86_64.gs", offsetof(struct sigcontext, gs));
    CHECK_LAYOUT("sigcontext_x86_64.fs", offsetof(struct sigcontext, fs));
    CHECK_LAYOUT("sigcontext_x86_64.ss", offsetof(struct sigcontext, __pad0));
    CHECK_LAYOUT("sigcontext_x86_64.err", offsetof(struct sigcontext, err));
    CHECK_LAYOUT("sigcontext_x86_64.trapno", offsetof(struct sigcontext, trapno));
    CHECK_LAYOUT("sigcontext_x86_64.oldmask", offsetof(struct sigcontext, oldmask));
    CHECK_LAYOUT("sigcontext_x86_64.cr2", offsetof(struct sigcontext, cr2));
    CHECK_LAYOUT("sigcontext_x86_64.fpstate", offsetof(struct sigcontext, fpstate));
    CHECK_LAYOUT("sigcontext_x86_64.reserved1", offsetof(struct sigcontext, __reserved1));
    /* ... and in gregs[] terms, as handlers usually read them. */
    CHECK_LAYOUT("sigcontext_x86_64.rip", REG_RIP * 8);
    CHECK_LAYOUT("sigcontext_x86_64.rsp", REG_RSP * 8);
    CHECK_LAYOUT("sigcontext_x86_64.eflags", REG_EFL * 8);
    CHECK_LAYOUT("sigcontext_x86_64.cr2", REG_CR2 * 8);

    /* siginfo_t */
    CHECK_LAYOUT("sizeof ksiginfo", sizeof(siginfo_t));
    CHECK_LAYOUT("ksiginfo.si_signo", offsetof(siginfo_t, si_signo));
    CHECK_LAYOUT("ksiginfo.si_errno", offsetof(siginfo_t, si_errno));
    CHECK_LAYOUT("ksiginfo.si_code", offsetof(siginfo_t, si_code));
    CHECK_LAYOUT("ksiginfo.kill.pid", offsetof(siginfo_t, si_pid));
    CHECK_LAYOUT("ksiginfo.kill.uid", offsetof(siginfo_t, si_uid));
    CHECK_LAYOUT("ksiginfo.kill.value", offsetof(siginfo_t, si_value));
    CHECK_LAYOUT("ksiginfo.chld.status", offsetof(siginfo_t, si_status));
    CHECK_LAYOUT("ksiginfo.fault.addr", offsetof(siginfo_t, si_addr));

    CHECK_LAYOUT("k_sigaction.handler", offsetof(struct kernel_sigaction, handler));
    CHECK_LAYOUT("k_sigaction.flags", offsetof(struct kernel_sigaction, flags));
    CHECK_LAYOUT("k_sigaction.restorer", offsetof(struct kernel_sigaction, restorer));
    CHECK_LAYOUT("k_sigaction.mask", offsetof(struct kernel_sigaction, mask));
    return check_summary();
}
