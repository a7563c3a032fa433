/*
 * The scheduler: round robin over the process table, driven by the 100 Hz timer.
 *
 * The kernel runs with interrupts disabled everywhere except in the idle loop below, so
 * on our single CPU no kernel code is ever interrupted half-way: no locks needed. A
 * process gives up the CPU only by sleeping, exiting, or being preempted by the timer
 * while it was in user mode.
 */
#include "kern/proc.h"
#include "kern/x86.h"
#include "kern/panic.h"
#include "kern/trap/traps.h"

struct cpu cpu;

/* Make p's world the CPU's: its address space, kernel stack, FS/GS bases, FPU state. */
static void switch_to(struct proc *p)
{
    uint64_t kstack_top = (uint64_t)p->kstack + KSTACK_SIZE;
    cpu.proc = p;
    cpu.kernel_rsp = kstack_top;
    tss_set_rsp0(kstack_top);
    vm_switch(p->mm);
    wrmsr(MSR_FS_BASE, p->fs_base);
    wrmsr(MSR_KERNEL_GS_BASE, p->gs_base);     /* becomes GS_BASE at swapgs */
    fxrstor(p->fpu);
    p->state = RUNNING;
    cputime_switch_in(p);
}

noreturn void scheduler(void)
{
    int next = 0;
    for (;;) {
        bool ran = false;
        for (int n = 0; n < NPROC; n++) {
            struct proc *p = &proc_table[(next + n) % NPROC];
            if (p->state != RUNNABLE)
                continue;
            next = (p - proc_table + 1) % NPROC;
            switch_to(p);
            swtch(&cpu.scheduler, p->context);
            /* p gave up the CPU (sleep, yield or exit). */
            cpu.proc = 0;
            vm_switch_kernel();
            ran = true;
            break;
        }
        if (!ran) {
            /* Nothing to run: wait for an interrupt (timer, keyboard) to make
               someone runnable. This is the only place interrupts are enabled. */
            sti();
            hlt();
            cli();
        }
    }
}

/* Switch from the current process to the scheduler. The caller has already changed
   the process's state. */
void sched(void)
{
    struct proc *p = current();
    if (p->state == RUNNING)
        panic("sched: process %d still RUNNING", p->pid);
    if (read_rflags() & X86_EFLAGS_IF)
        panic("sched: interrupts enabled");
    fxsave(p->fpu);
    cputime_switch_out(p);
    swtch(&p->context, cpu.scheduler);
}

void yield(void)
{
    current()->state = RUNNABLE;
    sched();
}

/*
 * Sleep until wakeup(chan), until the clock passes deadline_ns (if not 0), or until a
 * signal needs the process's attention (WAKE_SIGNAL; then the caller usually returns
 * -ERESTARTSYS or a relative, see kern/signal/restart.c). All our sleeps are
 * interruptible, like Linux's TASK_INTERRUPTIBLE.
 * No lost-wakeup race is possible: interrupts are off until the scheduler's hlt.
 */
enum wake_reason sleep_on(void *chan, uint64_t deadline_ns)
{
    struct proc *p = current();
    if (signal_pending(p))
        return WAKE_SIGNAL;
    p->chan = chan;
    p->deadline_ns = deadline_ns;
    p->state = SLEEPING;
    sched();
    p->chan = 0;
    p->deadline_ns = 0;
    return p->wake_reason;
}

/* A fatal signal turns into a pending SIGKILL when it is sent (complete_signal). */
static bool fatal_signal_pending(struct proc *p)
{
    return sigismember(all_pending(&p->sig), SIGKILL);
}

/*
 * Sleep until wakeup(chan) or a fatal signal, like Linux's TASK_KILLABLE: any other
 * signal stays pending and does not end the sleep (the caller checks its condition
 * again and sleeps on). Returns true if the process is being killed.
 */
bool sleep_killable(void *chan)
{
    struct proc *p = current();
    if (fatal_signal_pending(p))
        return true;
    p->chan = chan;
    p->state = SLEEPING;
    sched();
    p->chan = 0;
    return fatal_signal_pending(p);
}

static void make_runnable(struct proc *p, enum wake_reason why)
{
    p->state = RUNNABLE;
    p->wake_reason = why;
}

void wakeup(void *chan)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state == SLEEPING && p->chan == chan)
            make_runnable(p, WAKE_EVENT);
}

/* Called from the timer interrupt. */
void wake_expired_sleepers(uint64_t now_ns)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state == SLEEPING && p->deadline_ns && now_ns >= p->deadline_ns)
            make_runnable(p, WAKE_TIMEOUT);
}
