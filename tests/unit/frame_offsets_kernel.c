/* Offsets and sizes of siglab's signal-frame structures, exported for
   test_frame_layout.c (which cannot include our headers next to the C library's
   <signal.h>: both define sigset_t). */
#include <stddef.h>
#include "kern/signal/frame_x86_64.h"

struct layout {
    const char *name;
    unsigned long value;
};

#define OFF(type, field) { #type "." #field, offsetof(struct type, field) }
#define SIZE(type) { "sizeof " #type, sizeof(struct type) }

const struct layout kernel_layout[] = {
    SIZE(rt_sigframe), SIZE(ucontext_x86_64), SIZE(sigcontext_x86_64), SIZE(ksiginfo),
    SIZE(stack_t_k),
    OFF(rt_sigframe, pretcode), OFF(rt_sigframe, uc), OFF(rt_sigframe, info),
    OFF(ucontext_x86_64, uc_flags), OFF(ucontext_x86_64, uc_link),
    OFF(ucontext_x86_64, uc_stack), OFF(ucontext_x86_64, uc_mcontext),
    OFF(ucontext_x86_64, uc_sigmask),
    OFF(stack_t_k, ss_sp), OFF(stack_t_k, ss_flags), OFF(stack_t_k, ss_size),
    OFF(sigcontext_x86_64, r8), OFF(sigcontext_x86_64, r9), OFF(sigcontext_x86_64, r10),
    OFF(sigcontext_x86_64, r11), OFF(sigcontext_x86_64, r12), OFF(sigcontext_x86_64, r13),
    OFF(sigcontext_x86_64, r14), OFF(sigcontext_x86_64, r15), OFF(sigcontext_x86_64, rdi),
    OFF(sigcontext_x86_64, rsi), OFF(sigcontext_x86_64, rbp), OFF(sigcontext_x86_64, rbx),
    OFF(sigcontext_x86_64, rdx), OFF(sigcontext_x86_64, rax), OFF(sigcontext_x86_64, rcx),
    OFF(sigcontext_x86_64, rsp), OFF(sigcontext_x86_64, rip), OFF(sigcontext_x86_64, eflags),
    OFF(sigcontext_x86_64, cs), OFF(sigcontext_x86_64, gs), OFF(sigcontext_x86_64, fs),
    OFF(sigcontext_x86_64, ss), OFF(sigcontext_x86_64, err), OFF(sigcontext_x86_64, trapno),
    OFF(sigcontext_x86_64, oldmask), OFF(sigcontext_x86_64, cr2),
    OFF(sigcontext_x86_64, fpstate), OFF(sigcontext_x86_64, reserved1),
    OFF(ksiginfo, si_signo), OFF(ksiginfo, si_errno), OFF(ksiginfo, si_code),
    OFF(ksiginfo, kill.pid), OFF(ksiginfo, kill.uid), OFF(ksiginfo, kill.value),
    OFF(ksiginfo, chld.status), OFF(ksiginfo, fault.addr),
    OFF(k_sigaction, handler), OFF(k_sigaction, flags), OFF(k_sigaction, restorer),
    OFF(k_sigaction, mask),
    { 0, 0 },
};
