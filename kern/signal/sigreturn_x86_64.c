/*
 * rt_sigreturn (ULK ch. 11, "Executing the signal handler"; Linux
 * arch/x86/kernel/signal_64.c). The trampoline calls it with rsp pointing just past
 * the frame's pretcode; everything the interrupted code had comes back from the frame.
 *
 * The frame lives in user memory, so the user may have changed anything in it. We
 * restore only what user mode may hold: rflags keeps just the flags user code can set
 * itself (never IOPL, never IF off), cs and ss are forced to ring 3. Whatever else is
 * wrong (a kernel cs, a non-canonical rip) makes the return to user mode fault, and
 * that fault becomes SIGSEGV for the process (trap.c), as on Linux.
 */
#include "kern/signal/frame_x86_64.h"
#include "kern/signal/trace.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/memlayout.h"
#include "kern/exec.h"
#include "kern/gdt.h"
#include "kern/x86.h"
#include "kern/string.h"
#include "kern/syscall.h"

/* The flags a sigcontext may change (Linux FIX_EFLAGS). */
#define FIX_EFLAGS (X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
                    X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
                    X86_EFLAGS_CF | X86_EFLAGS_RF)

static uint32_t mxcsr_mask;

/* The MXCSR bits this CPU has (fxsave's MXCSR_MASK field; 0 means the default). */
static uint32_t cpu_mxcsr_mask(void)
{
    if (!mxcsr_mask) {
        uint8_t probe[FPSTATE_SIZE] __attribute__((aligned(16)));
        fxsave(probe);
        mxcsr_mask = *(uint32_t *)(probe + FXSAVE_MXCSR_MASK);
        if (!mxcsr_mask)
            mxcsr_mask = 0xffbf;    /* the architectural default */
    }
    return mxcsr_mask;
}

/* Can fxrstor load this image? It faults (#GP, in the kernel) on an MXCSR with bits
   the CPU does not have, and on an address that is not 16-byte aligned: Linux's
   fpu__restore_sig calls such a frame bad, and so do we. */
static bool fpstate_valid(uint64_t fpstate, const uint8_t *fx)
{
    return fpstate % 16 == 0 &&
           (*(const uint32_t *)(fx + FXSAVE_MXCSR) & ~cpu_mxcsr_mask()) == 0;
}

/* Load the FPU/SSE state saved in the frame; a NULL fpstate means "start clean". */
static bool restore_fpstate(uint64_t fpstate)
{
    /* LAB 4: BEGIN SOLUTION */
    if (!fpstate) {
        fpu_load_initial();
        return true;
    }
    /* Check a copy in the kernel: the user could change the frame after the check,
       and a bad image must never reach fxrstor. */
    uint8_t fx[FPSTATE_SIZE] __attribute__((aligned(16)));
    if (copy_from_user(fx, fpstate, FPSTATE_SIZE) < 0 || !fpstate_valid(fpstate, fx))
        return false;
    fxrstor(fx);
    return true;
    /* LAB 4: END SOLUTION */
    /* LAB 4: STUB
    (void)fpstate;
    return false;
    */
}

static bool restore_sigcontext(struct trapframe *tf, const struct sigcontext_x86_64 *sc,
                               uint64_t uc_flags)
{
    /* LAB 4: BEGIN SOLUTION */
    /* A restart_syscall after this must not resume an old nanosleep. */
    current()->sig.restart.fn = 0;

    tf->r8 = sc->r8;   tf->r9 = sc->r9;   tf->r10 = sc->r10; tf->r11 = sc->r11;
    tf->r12 = sc->r12; tf->r13 = sc->r13; tf->r14 = sc->r14; tf->r15 = sc->r15;
    tf->rdi = sc->rdi; tf->rsi = sc->rsi; tf->rbp = sc->rbp; tf->rbx = sc->rbx;
    tf->rdx = sc->rdx; tf->rax = sc->rax; tf->rcx = sc->rcx;
    tf->rsp = sc->rsp; tf->rip = sc->rip;
    tf->rflags = (tf->rflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
    tf->orig_rax = -1;      /* not in a system call any more: no restart logic */

    /* Ring 3, whatever the frame says. */
    tf->cs = sc->cs | 3;
    tf->ss = sc->ss | 3;
    if (!(uc_flags & UC_STRICT_RESTORE_SS) && tf->cs == USER_CS)
        tf->ss = USER_DS;
    return restore_fpstate(sc->fpstate);
    /* LAB 4: END SOLUTION */
    /* LAB 4: STUB
    (void)tf, (void)sc, (void)uc_flags;
    return false;
    */
}

/* uc_stack goes back through sigaltstack's checks (do_sigaltstack, syscalls.c); like
   Linux we ignore its verdict: a frame with a bad uc_stack still returns. */
static void restore_altstack(const struct stack_t_k *st, uint64_t sp)
{
    /* LAB 4: BEGIN SOLUTION */
    (void)do_sigaltstack(st, sp);
    /* LAB 4: END SOLUTION */
    /* LAB 4: STUB
    (void)st, (void)sp;
    */
}

long sys_rt_sigreturn(void)
{
    sigtrace_sigreturn_entry(current()->tf);
    /* LAB 4: BEGIN SOLUTION */
    struct trapframe *tf = current()->tf;
    uint64_t frame = tf->rsp - 8;       /* the handler's ret popped pretcode */
    struct ucontext_x86_64 uc;

    if (frame >= USER_TOP - sizeof(struct rt_sigframe) ||
        copy_from_user(&uc, frame + offsetof(struct rt_sigframe, uc), sizeof(uc)) < 0)
        goto badframe;
    set_current_blocked(uc.uc_sigmask);
    if (!restore_sigcontext(tf, &uc.uc_mcontext, uc.uc_flags))
        goto badframe;
    restore_altstack(&uc.uc_stack, tf->rsp);
    sigtrace_sigreturn(tf, uc.uc_sigmask, true);
    return tf->rax;     /* the dispatcher stores it in rax: the value restored */

badframe:
    sigtrace_sigreturn(tf, 0, false);
    force_sig(SIGSEGV);
    return 0;
    /* LAB 4: END SOLUTION */
    /* LAB 4: STUB
    // Until this is written, returning from a handler kills the process.
    force_sig(SIGSEGV);
    return 0;
    */
}
