/*
 * Building the signal frame (ULK ch. 11, "Setting up the frame"; Linux
 * arch/x86/kernel/signal.c and signal_64.c). The kernel copies the interrupted
 * registers into a struct rt_sigframe on the user stack, then points the registers
 * at the handler. When the handler returns, it "returns" into the trampoline, which
 * calls rt_sigreturn, which copies the registers back (sigreturn_x86_64.c).
 */
#include "kern/signal/frame_x86_64.h"
#include "kern/signal/trace.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/exec.h"
#include "kern/gdt.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/x86.h"

#define BAD_FRAME ((uint64_t)-1)

/* Pick the frame's address (Linux get_sigframe): below the red zone of the
   interrupted stack, or at the top of the alternate stack for SA_ONSTACK handlers
   not already running on it; the fxsave area first (64-byte aligned), then the
   frame, placed so that the handler starts with rsp % 16 == 8, as if called. */
static uint64_t get_sigframe(const struct k_sigaction *ka, const struct trapframe *tf,
                             uint64_t *fpstate, bool *altstack)
{
    /* LAB 3: BEGIN SOLUTION */
    struct proc *p = current();
    uint64_t sp = tf->rsp;
    bool nested_altstack = on_sig_stack(sp);
    bool entering_altstack = false;

    sp -= REDZONE_SIZE;
    if ((ka->flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
        sp = p->sig.altstack.sp + p->sig.altstack.size;
        entering_altstack = true;
    }
    sp = ROUND_DOWN(sp - FPSTATE_SIZE, 64);
    *fpstate = sp;
    sp = ROUND_DOWN(sp - sizeof(struct rt_sigframe), 16) - 8;
    *altstack = nested_altstack || entering_altstack;

    /* Overflowing the alternate stack must not scribble below it: die instead. */
    if (*altstack) {
        struct altstack *as = &p->sig.altstack;
        if (!(sp > as->sp && sp - as->sp <= as->size))
            return BAD_FRAME;
    }
    return sp;
    /* LAB 3: END SOLUTION */
    /* LAB 3: STUB
    (void)ka, (void)tf, (void)fpstate, (void)altstack;
    return BAD_FRAME;
    */
}

/* The interrupted registers, as sigcontext stores them. */
static void setup_sigcontext(struct sigcontext_x86_64 *sc, const struct trapframe *tf,
                             sigset_t oldmask, uint64_t fpstate)
{
    /* LAB 3: BEGIN SOLUTION */
    const struct fault_state *f = &current()->fault;
    *sc = (struct sigcontext_x86_64){
        .r8 = tf->r8, .r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11,
        .r12 = tf->r12, .r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15,
        .rdi = tf->rdi, .rsi = tf->rsi, .rbp = tf->rbp, .rbx = tf->rbx,
        .rdx = tf->rdx, .rax = tf->rax, .rcx = tf->rcx, .rsp = tf->rsp, .rip = tf->rip,
        .eflags = tf->rflags,
        .cs = tf->cs, .ss = tf->ss,
        /* Like Linux, these describe the last fault, whatever this signal is. */
        .err = f->error_code, .trapno = f->trap_nr, .cr2 = f->cr2,
        .oldmask = oldmask,
        .fpstate = fpstate,
    };
    /* LAB 3: END SOLUTION */
    /* LAB 3: STUB
    (void)sc, (void)tf, (void)oldmask, (void)fpstate;
    */
}

/* uc_stack: the alternate stack settings as sigaltstack() last stored them (Linux
   unsafe_save_altstack); sigreturn hands them back to sigaltstack. */
static void save_altstack(struct stack_t_k *st)
{
    /* LAB 3: BEGIN SOLUTION */
    struct altstack *as = &current()->sig.altstack;
    st->ss_sp = as->sp;
    st->ss_flags = as->flags;
    st->pad = 0;
    st->ss_size = as->size;
    /* LAB 3: END SOLUTION */
    /* LAB 3: STUB
    (void)st;
    */
}

/* Save the FPU/SSE registers into the frame; the handler starts with a clean FPU. */
static int save_fpstate(uint64_t fpstate)
{
    /* LAB 3: BEGIN SOLUTION */
    /* While we are on the CPU, the registers are our FPU state and p->fpu is only
       where sched() will put them (kern/sched.c): here it is a scratch buffer. */
    struct proc *p = current();
    fxsave(p->fpu);
    if (copy_to_user(fpstate, p->fpu, FPSTATE_SIZE) < 0)
        return -EFAULT;
    fpu_load_initial();
    return 0;
    /* LAB 3: END SOLUTION */
    /* LAB 3: STUB
    (void)fpstate;
    return -EFAULT;
    */
}

int setup_rt_frame(int sig, const struct k_sigaction *ka, const struct ksiginfo *info,
                   sigset_t oldmask, struct trapframe *tf)
{
    /* LAB 3: BEGIN SOLUTION */
    uint64_t fpstate;
    bool on_altstack;
    uint64_t frame = get_sigframe(ka, tf, &fpstate, &on_altstack);
    if (frame == BAD_FRAME)
        return -EFAULT;

    /* Every byte of f that reaches the user is written below (the structs have no
       padding; setup_sigcontext zeroes the unused fields), so nothing of the kernel
       stack leaks, and there is no need to clear the 440 bytes first. */
    struct rt_sigframe f;
    /* siglab, like AxSignal, falls back on a kernel trampoline page where Linux would
       refuse a handler without SA_RESTORER. */
    f.pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : TRAMPOLINE_ADDR;
    f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    f.uc.uc_link = 0;
    save_altstack(&f.uc.uc_stack);
    setup_sigcontext(&f.uc.uc_mcontext, tf, oldmask, fpstate);
    f.uc.uc_sigmask = oldmask;
    /* Without SA_SIGINFO Linux leaves the siginfo part of the frame unwritten. */
    size_t size = (ka->flags & SA_SIGINFO) ? sizeof(f) : offsetof(struct rt_sigframe, info);
    if (ka->flags & SA_SIGINFO)
        f.info = *info;
    if (copy_to_user(frame, &f, size) < 0 || save_fpstate(fpstate) < 0)
        return -EFAULT;
    sigtrace_frame(sig, ka, frame, fpstate, tf, on_altstack);

    /* Enter the handler: handler(sig, &info, &uc), returning to pretcode. */
    tf->rdi = sig;
    tf->rsi = frame + offsetof(struct rt_sigframe, info);
    tf->rdx = frame + offsetof(struct rt_sigframe, uc);
    tf->rax = 0;    /* for handlers declared without a prototype (varargs) */
    tf->rip = ka->handler;
    tf->rsp = frame;
    tf->cs = USER_CS;
    tf->ss = USER_DS;
    tf->rflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
    return 0;
    /* LAB 3: END SOLUTION */
    /* LAB 3: STUB
    // Until this is written, a handler can never run: the process gets SIGSEGV.
    (void)sig, (void)ka, (void)info, (void)oldmask, (void)tf;
    return -EFAULT;
    */
}
