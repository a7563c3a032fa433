/*
 * trap(): every interrupt and exception lands here (entry.S, alltraps).
 *
 *   - device interrupts: the timer and the console;
 *   - exceptions from user mode: a page fault may just need a page (demand paging);
 *     anything else is the program's fault and raises the signal Linux would
 *     (user_exception: SIGSEGV, SIGFPE, SIGILL, SIGBUS, SIGTRAP, with Linux's si_code),
 *     which the signal code delivers on the way back to user mode like any other;
 *   - exceptions in kernel mode: a kernel bug, so panic.
 */
#include "kern/trap/traps.h"
#include "kern/proc.h"
#include "kern/signal/trace.h"
#include "kern/timer.h"
#include "kern/serial.h"
#include "kern/printk.h"
#include "kern/panic.h"
#include "kern/x86.h"
#include "kern/string.h"
#include "kern/memlayout.h"
#include "kern/oom.h"
#include "kern/errno.h"
#include "kern/kstack.h"

static const char *const exception_names[32] = {
    [T_DIVIDE] = "divide error", [T_DEBUG] = "debug", [T_NMI] = "NMI",
    [T_BRKPT] = "breakpoint", [T_OFLOW] = "overflow", [T_BOUND] = "bound range",
    [T_ILLOP] = "invalid opcode", [T_DEVICE] = "device not available",
    [T_DBLFLT] = "double fault", [T_TSS] = "invalid TSS", [T_SEGNP] = "segment not present",
    [T_STACK] = "stack fault", [T_GPFLT] = "general protection", [T_PGFLT] = "page fault",
    [T_FPERR] = "x87 FPU error", [T_ALIGN] = "alignment check", [T_MCHK] = "machine check",
    [T_SIMDERR] = "SIMD floating-point",
};

static const char *exception_name(uint64_t vector)
{
    const char *n = vector < 32 ? exception_names[vector] : 0;
    return n ? n : "unknown exception";
}

/* The si_code for a floating-point exception, from the flags the FPU raised and did
   not mask (Linux fpu__exception_code). */
static int fp_exception_code(uint64_t vector)
{
    uint32_t err;
    if (vector == T_SIMDERR) {
        uint32_t mxcsr;
        __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
        err = mxcsr & FP_EXC_ALL & ~(mxcsr >> MXCSR_MASK_SHIFT);
    } else {
        uint16_t sw, cw;
        __asm__ volatile("fnstsw %0; fnstcw %1" : "=m"(sw), "=m"(cw));
        err = sw & FP_EXC_ALL & ~cw;
    }
    if (err & FP_EXC_INVALID) return FPE_FLTINV;
    if (err & FP_EXC_ZERODIV) return FPE_FLTDIV;
    if (err & FP_EXC_OVERFLOW) return FPE_FLTOVF;
    if (err & (FP_EXC_UNDERFLOW | FP_EXC_DENORMAL)) return FPE_FLTUND;
    if (err & FP_EXC_PRECISION) return FPE_FLTRES;
    return 0;
}

/* Record what sigcontext's trapno, err and cr2 will report, as Linux does. */
static void record_fault(uint64_t vector, uint64_t err, uint64_t cr2)
{
    struct fault_state *f = &current()->fault;
    f->trap_nr = vector;
    f->error_code = err;
    if (vector == T_PGFLT)
        f->cr2 = cr2;
}

/* The signal a user-mode exception raises, with si_code and si_addr as Linux's
   arch/x86/kernel/traps.c chooses them. Faults the process may handle. */
static int user_exception(struct trapframe *tf)
{
    switch (tf->vector) {
    case T_DIVIDE:  force_sig_fault(SIGFPE, FPE_INTDIV, tf->rip); return SIGFPE;
    case T_ILLOP:   force_sig_fault(SIGILL, ILL_ILLOPN, tf->rip); return SIGILL;
    case T_DEBUG:   force_sig_fault(SIGTRAP, TRAP_TRACE, tf->rip); return SIGTRAP;
    case T_FPERR:
    case T_SIMDERR: force_sig_fault(SIGFPE, fp_exception_code(tf->vector), tf->rip); return SIGFPE;
    case T_ALIGN:   force_sig_fault(SIGBUS, BUS_ADRALN, 0); return SIGBUS;     /* no address */
    case T_BRKPT:   force_sig(SIGTRAP); return SIGTRAP;
    case T_SEGNP:
    case T_STACK:   force_sig(SIGBUS); return SIGBUS;
    default:        force_sig(SIGSEGV); return SIGSEGV;    /* #GP, #TS, #OF, #BR, ... */
    }
}

/* No page for a fault: a process is killed to free some (kern/oom.c), and we wait a
   tick for it to go before the instruction runs again. */
static bool oom_wait(void)
{
    if (!out_of_memory())
        panic("out of memory, and no process but init to kill");
    yield();
    return true;
}

/* Returns true if demand paging resolved the fault, or it will be tried again. */
static bool user_page_fault(struct trapframe *tf, uint64_t addr)
{
    bool accerr;
    int got = mm_fault(current()->mm, addr, tf->err & PF_WRITE, tf->err & PF_INSTR, &accerr);
    if (got == 0) {
        current()->usage.minflt++;
        return true;     /* demand paging: the page is there now */
    }
    if (got == -ENOMEM)
        return oom_wait();
    uint64_t err = tf->err | PF_USER;
    if (addr >= USER_TOP)
        err |= PF_PROT;     /* do not reveal how the kernel half is mapped */
    record_fault(T_PGFLT, err, addr);
    force_sig_fault(SIGSEGV, accerr ? SEGV_ACCERR : SEGV_MAPERR, addr);
    return false;
}

/*
 * iretq faulted while returning to user mode: the frame had a segment or address the
 * CPU refused (only a forged sigreturn frame can do that). It is the process's fault,
 * not the kernel's: give it SIGSEGV (Linux fixup_bad_iret). The CPU pushed this
 * exception's frame over the general registers of the process's trapframe, but this
 * frame holds exactly those registers (they were loaded for the return), so we copy
 * them back and take the way to user mode again, where the SIGSEGV is delivered.
 */
static noreturn void bad_iret(struct trapframe *tf)
{
    extern noreturn void retry_return_to_user(struct trapframe *utf);
    struct proc *p = current();
    memmove(p->tf, tf, offsetof(struct trapframe, orig_rax));
    p->tf->orig_rax = -1;
    record_fault(tf->vector, tf->err, 0);
    force_sig(SIGSEGV);
    retry_return_to_user(p->tf);
}

/*
 * A safety net for unfinished labs: if signal delivery is stubbed out, a faulting
 * instruction is retried forever. When the same fault repeats many times with no
 * handler run in between, end the process as the default action would.
 */
#define FAULT_REPEAT_LIMIT 100

static void check_fault_loop(struct trapframe *tf, int sig)
{
    struct signal_state *s = &current()->sig;
    if (tf->rip != s->fault_rip) {
        s->fault_rip = tf->rip;
        s->fault_repeats = 0;
        return;
    }
    if (++s->fault_repeats < FAULT_REPEAT_LIMIT)
        return;
    printk("%s[%d]: the fault at %lx repeated %d times and no handler ran; is signal "
           "delivery unfinished? Killing it with %s.\n", current()->name, current()->pid,
           tf->rip, FAULT_REPEAT_LIMIT, signame(sig));
    do_exit(W_SIGNALED(sig));
}

static void exception(struct trapframe *tf)
{
    extern char iret_to_user[];
    uint64_t cr2 = read_cr2();
    if (!tf_from_user(tf)) {
        /* The kernel ran off the bottom of a kernel stack into its guard page: the
           page fault could not push its frame there, so it arrives here as a double
           fault, on its own stack (kern/kstack.c). */
        if ((tf->vector == T_PGFLT || tf->vector == T_DBLFLT) && kstack_guard_page(cr2))
            panic_trap(tf, "kernel stack overflow: %s in kernel mode at %lx touched the "
                       "guard page at %lx (pid %d)", exception_name(tf->vector), tf->rip,
                       cr2, current() ? current()->pid : 0);
        if (tf->rip == (uint64_t)iret_to_user && current())
            bad_iret(tf);
        panic_trap(tf, "%s (vector %ld) in kernel mode at %lx",
                   exception_name(tf->vector), (long)tf->vector, tf->rip);
    }
    if (tf->vector == T_PGFLT) {
        if (!user_page_fault(tf, cr2))
            check_fault_loop(tf, SIGSEGV);
        return;
    }
    if (tf->vector == T_GPFLT && fixup_umip_exception(tf))
        return;     /* sgdt and friends, answered as Linux does (umip_x86_64.c) */
    record_fault(tf->vector, tf->err, cr2);
    check_fault_loop(tf, user_exception(tf));
}

static void device_interrupt(struct trapframe *tf)
{
    int irq = tf->vector - IRQ0;
    if (irq == IRQ_TIMER) {
        timer_intr();
        pic_eoi(irq);
        /* CPU-time timers and limits; then preemption: a process that was running
           user code goes to the back of the queue. (Kernel code is never preempted.) */
        if (tf_from_user(tf) && current()) {
            cputime_tick(current());
            yield();
        }
        return;
    }
    if (irq == IRQ_COM1)
        serial_intr();
    pic_eoi(irq);
}

void trap(struct trapframe *tf)
{
    if (tf_from_user(tf) && current())
        cputime_enter_kernel(&current()->usage);
    if (tf->vector < 32)
        exception(tf);
    else if (tf->vector < IRQ0 + 16)
        device_interrupt(tf);
    else
        printk("trap: unexpected vector %ld ignored\n", (long)tf->vector);
}
