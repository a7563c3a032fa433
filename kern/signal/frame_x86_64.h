/*
 * The signal frame on the user stack, exactly as Linux x86-64 builds it
 * (arch/x86/include/uapi/asm/sigcontext.h, asm/sigframe.h, uapi/asm-generic/ucontext.h).
 * tests/unit/test_frame_layout.c checks every offset against the host's headers.
 *
 *   frame + 0     pretcode     where the handler's `ret` goes: sa_restorer, or our
 *                              trampoline page when SA_RESTORER is absent
 *   frame + 8     ucontext     uc_flags, uc_link, uc_stack, uc_mcontext (sigcontext),
 *                              uc_sigmask (the mask to restore)
 *   frame + 312   siginfo      128 bytes, written only for SA_SIGINFO handlers
 *   frame + 440   (end)        ... then up to 64 bytes of padding and the 512-byte
 *                              fxsave area that sigcontext.fpstate points to
 */
#ifndef KERN_SIGNAL_FRAME_X86_64_H
#define KERN_SIGNAL_FRAME_X86_64_H

#include "kern/types.h"
#include "kern/signal/signal.h"
#include "kern/memlayout.h"         /* TRAMPOLINE_ADDR */

struct sigcontext_x86_64 {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
    uint64_t eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate;           /* user address of the fxsave image, or 0 */
    uint64_t reserved1[8];
};

struct ucontext_x86_64 {
    uint64_t uc_flags;
    uint64_t uc_link;
    struct stack_t_k uc_stack;       /* signal.h */
    struct sigcontext_x86_64 uc_mcontext;
    sigset_t uc_sigmask;
};

struct rt_sigframe {
    uint64_t pretcode;
    struct ucontext_x86_64 uc;
    struct ksiginfo info;
};

#define UC_FP_XSTATE            0x1
#define UC_SIGCONTEXT_SS        0x2
#define UC_STRICT_RESTORE_SS    0x4

#define FPSTATE_SIZE            512     /* fxsave: x87 + SSE (we do not use XSAVE) */
#define FXSAVE_MXCSR            24      /* offsets in the fxsave image (Intel SDM table 10-2) */
#define FXSAVE_MXCSR_MASK       28
#define REDZONE_SIZE            128     /* the x86-64 ABI lets leaf code use 128 bytes below rsp */

_Static_assert(sizeof(struct sigcontext_x86_64) == 256, "sigcontext is 256 bytes");
_Static_assert(sizeof(struct ucontext_x86_64) == 304, "ucontext is 304 bytes");
_Static_assert(sizeof(struct ksiginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct rt_sigframe) == 440, "rt_sigframe is 440 bytes");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 312, "siginfo at 312");
_Static_assert(__builtin_offsetof(struct ucontext_x86_64, uc_sigmask) == 296, "uc_sigmask at 296");

#endif
