/*
 * The scheduler: round robin over the run queue, driven by the 100 Hz timer.
 *
 * The run queue holds the RUNNABLE processes in the order they will run: a process
 * that becomes runnable joins the tail (runq_add), the scheduler takes the head. So
 * picking the next process costs the same with 3 processes or 1,000 zombies in the
 * table (before, every switch scanned all of it). ULK ch. 7 tells Linux's 2.6
 * version: one run list per priority; we have one priority.
 *
 * Sleepers have a list of their own, which wakeup() and the timer's check of
 * deadlines walk instead of the table.
 *
 * The kernel runs with interrupts disabled everywhere except in the idle loop below, so
 * on our single CPU no kernel code is ever interrupted half-way: no locks needed. A
 * process gives up the CPU only by sleeping, exiting, or being preempted by the timer
 * while it was in user mode.
 */
#include "kern/proc.h"
#include "kern/x86.h"
#include "kern/panic.h"
#include "kern/printk.h"
#include "kern/trap/traps.h"

struct cpu cpu;

static struct list_head run_queue = LIST_HEAD_INIT(run_queue);
static struct list_head sleepers = LIST_HEAD_INIT(sleepers);

/* Put a RUNNABLE process at the tail of the run queue, unless it is there already
   (Linux enqueue_task). Whoever makes a process RUNNABLE calls this. */
void runq_add(struct proc *p)
{
    if (p->state == RUNNABLE && !list_is_linked(&p->run_list))
        list_add_tail(&p->run_list, &run_queue);
}

/* The process to run next, off the queue; NULL when nobody is runnable. */
static struct proc *runq_pop(void)
{
    while (!list_empty(&run_queue)) {
        struct proc *p = list_entry(run_queue.next, struct proc, run_list);
        list_del(&p->run_list);
        if (p->state == RUNNABLE)
            return p;
        /* (Defensive: it stopped being runnable while it waited its turn.) */
    }
    return 0;
}

/* Before idling: a process marked RUNNABLE that nobody queued would never run. Every
   path that wakes a process calls runq_add, so this finds nobody (and says so in the
   kernel log if it does); it costs a table scan, but only when the CPU has nothing
   else to do. */
static void runq_catch_strays(void)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state == RUNNABLE && !list_is_linked(&p->run_list)) {
            printk("sched: pid %d was RUNNABLE but not on the run queue\n", p->pid);
            runq_add(p);
        }
}

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
    for (;;) {
        struct proc *p = runq_pop();
        if (!p) {
            runq_catch_strays();
            if (!list_empty(&run_queue))
                continue;
            /* Nothing to run: wait for an interrupt (timer, keyboard) to make
               someone runnable. This is the only place interrupts are enabled. */
            sti();
            hlt();
            cli();
            continue;
        }
        switch_to(p);
        swtch(&cpu.scheduler, p->context);
        /* p gave up the CPU (sleep, yield or exit). */
        cpu.proc = 0;
        vm_switch_kernel();
        /* An exiting process ran on its kernel stack until the swtch() just above;
           now nothing does, so it can go (the zombie keeps only its slot). */
        if (p->state == ZOMBIE || p->state == UNUSED)
            proc_free_kstack(p);
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
    runq_add(current());
    sched();
}

/* Sleep on the sleepers' list: state SLEEPING, then the switch away. */
static void sleep_listed(struct proc *p)
{
    p->state = SLEEPING;
    list_add_tail(&p->sleep_list, &sleepers);
    sched();
    list_del(&p->sleep_list);
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
    sleep_listed(p);
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
    sleep_listed(p);
    p->chan = 0;
    return fatal_signal_pending(p);
}

static void make_runnable(struct proc *p, enum wake_reason why)
{
    p->state = RUNNABLE;
    p->wake_reason = why;
    runq_add(p);
}

/* A woken process stays on the sleepers' list until it runs and takes itself off
   (sleep_listed): the state check skips it. */
void wakeup(void *chan)
{
    for (struct list_head *n = sleepers.next; n != &sleepers; n = n->next) {
        struct proc *p = list_entry(n, struct proc, sleep_list);
        if (p->state == SLEEPING && p->chan == chan)
            make_runnable(p, WAKE_EVENT);
    }
}

/* Called from the timer interrupt. */
void wake_expired_sleepers(uint64_t now_ns)
{
    for (struct list_head *n = sleepers.next; n != &sleepers; n = n->next) {
        struct proc *p = list_entry(n, struct proc, sleep_list);
        if (p->state == SLEEPING && p->deadline_ns && now_ns >= p->deadline_ns)
            make_runnable(p, WAKE_TIMEOUT);
    }
}
