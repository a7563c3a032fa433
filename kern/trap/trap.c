/*
 * trap(): every interrupt and exception lands here (entry.S, alltraps).
 *
 *   - device interrupts: the timer and the console;
 *   - exceptions from user mode: a page fault may just need a page (demand paging);
 *     anything else is the program's fault and ends it the way Linux's default
 *     signal action would (the signals labs turn this into real signal delivery);
 *   - exceptions in kernel mode: a kernel bug, so panic.
 */
#include "kern/trap/traps.h"
#include "kern/proc.h"
#include "kern/timer.h"
#include "kern/serial.h"
#include "kern/printk.h"
#include "kern/panic.h"
#include "kern/x86.h"

/* Linux signal numbers for the faults we know (the signals labs define the rest). */
#define SIGILL  4
#define SIGTRAP 5
#define SIGBUS  7
#define SIGFPE  8
#define SIGSEGV 11

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

/* The signal a user-mode exception raises (Linux arch/x86/kernel/traps.c). */
static int exception_signal(uint64_t vector)
{
    switch (vector) {
    case T_DIVIDE: case T_FPERR: case T_SIMDERR: return SIGFPE;
    case T_DEBUG: case T_BRKPT: return SIGTRAP;
    case T_ILLOP: return SIGILL;
    case T_ALIGN: return SIGBUS;
    default: return SIGSEGV;
    }
}

/* A user program faulted and has no way to handle it yet: log it like Linux's
   "segfault at" message and end the process as killed by the signal. */
static void user_fault(struct trapframe *tf, uint64_t addr)
{
    struct proc *p = current();
    int sig = exception_signal(tf->vector);
    printk("%s[%d]: %s at %lx ip %lx sp %lx error %lx: killed by signal %d\n",
           p->name, p->pid, exception_name(tf->vector), addr, tf->rip, tf->rsp, tf->err, sig);
    do_exit(W_SIGNALED(sig));
}

static bool handle_user_page_fault(struct trapframe *tf, uint64_t addr)
{
    bool accerr;
    return mm_fault(&current()->mm, addr, tf->err & PF_WRITE, tf->err & PF_INSTR, &accerr) == 0;
}

static void exception(struct trapframe *tf)
{
    uint64_t cr2 = read_cr2();
    if (!tf_from_user(tf))
        panic_trap(tf, "%s (vector %ld) in kernel mode at %lx",
                   exception_name(tf->vector), (long)tf->vector, tf->rip);
    if (tf->vector == T_PGFLT && handle_user_page_fault(tf, cr2))
        return;
    user_fault(tf, tf->vector == T_PGFLT ? cr2 : 0);
}

static void device_interrupt(struct trapframe *tf)
{
    int irq = tf->vector - IRQ0;
    if (irq == IRQ_TIMER) {
        timer_intr();
        pic_eoi(irq);
        /* Preemption: a process that was running user code goes to the back of the
           queue. (Kernel code is never preempted.) */
        if (tf_from_user(tf) && current())
            yield();
        return;
    }
    if (irq == IRQ_COM1)
        serial_intr();
    pic_eoi(irq);
}

void trap(struct trapframe *tf)
{
    if (tf->vector < 32)
        exception(tf);
    else if (tf->vector < IRQ0 + 16)
        device_interrupt(tf);
    else
        printk("trap: unexpected vector %ld ignored\n", (long)tf->vector);
}
