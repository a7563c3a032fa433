/*
 * Delivering signals (ULK ch. 11, "Delivering a Signal"; Linux get_signal and
 * arch_do_signal_or_restart).
 *
 * On every return to user mode with a signal pending, do_signal() takes signals out
 * of the pending set one at a time (dequeue_signal) and acts: ignore, stop, continue,
 * terminate, dump core, or run a handler (handle_signal builds its frame). A system
 * call the signal interrupted is restarted or fails with EINTR (restart.c).
 */
#include "kern/signal/signal.h"
#include "kern/signal/trace.h"
#include "kern/proc.h"
#include "kern/printk.h"
#include "kern/panic.h"
#include "kern/string.h"
#include "kern/syscall.h"

/* ---- dequeue ---- */

/* Unlink the queue entry *qp and hand over its siginfo. Its signal stays pending only
   while another instance is still queued. (collect_signal and
   dequeue_synchronous_signal both end here.) */
static void unqueue_info(struct sigpending *pending, struct sigqueue **qp, struct ksiginfo *info)
{
    /* LAB 2: BEGIN SOLUTION */
    struct sigqueue *q = *qp;
    *qp = q->next;
    *info = q->info;
    sigqueue_release(q);
    for (q = pending->head; q; q = q->next)
        if (q->info.si_signo == info->si_signo)
            return;
    sigdelset(&pending->signal, info->si_signo);
    /* LAB 2: END SOLUTION */
    /* LAB 2: STUB
    (void)pending, (void)qp, (void)info;
    */
}

/* Take sig's first queued siginfo. A signal without queued info (its siginfo was
   lost) reads as SI_USER from nobody (Linux collect_signal). */
static void collect_signal(int sig, struct sigpending *pending, struct ksiginfo *info)
{
    /* LAB 2: BEGIN SOLUTION */
    for (struct sigqueue **qp = &pending->head; *qp; qp = &(*qp)->next)
        if ((*qp)->info.si_signo == sig) {
            unqueue_info(pending, qp, info);
            return;
        }
    sigdelset(&pending->signal, sig);
    memset(info, 0, sizeof(*info));
    info->si_signo = sig;
    info->si_code = SI_USER;
    /* LAB 2: END SOLUTION */
    /* LAB 2: STUB
    (void)sig, (void)pending, (void)info;
    */
}

/* Which pending signal goes first: faults (synchronous signals) before anything
   else, then the lowest number. Real-time instances of one signal keep their order
   in the queue. */
static int next_signal(sigset_t pending, sigset_t mask)
{
    /* LAB 2: BEGIN SOLUTION */
    sigset_t x = pending & ~mask;
    if (!x)
        return 0;
    if (x & SYNCHRONOUS_SIGNALS)
        x &= SYNCHRONOUS_SIGNALS;
    return __builtin_ctzll(x) + 1;
    /* LAB 2: END SOLUTION */
    /* LAB 2: STUB
    (void)pending, (void)mask;
    return 0;
    */
}

/* Remove one signal not in mask from p's pending sets, the private one first (ULK:
   "signals sent to the thread before signals sent to the process"); 0 if there is
   none. */
int dequeue_signal(struct proc *p, sigset_t mask, struct ksiginfo *info)
{
    /* LAB 2: BEGIN SOLUTION */
    struct sigpending *pending = &p->sig.pending;
    int sig = next_signal(pending->signal, mask);
    if (!sig) {
        pending = &p->sig.shared_pending;
        sig = next_signal(pending->signal, mask);
    }
    if (sig)
        collect_signal(sig, pending, info);
    recalc_sigpending(p);
    return sig;
    /* LAB 2: END SOLUTION */
    /* LAB 2: STUB
    (void)p, (void)mask, (void)info;
    return 0;
    */
}

/* A fault the kernel queued for the current instruction goes before everything,
   even before other pending signals of the same number (Linux
   dequeue_synchronous_signal). */
static int dequeue_synchronous_signal(struct proc *p, struct ksiginfo *info)
{
    /* LAB 2: BEGIN SOLUTION */
    struct sigpending *pending = &p->sig.pending;
    if (!(pending->signal & ~p->sig.blocked & SYNCHRONOUS_SIGNALS))
        return 0;
    struct sigqueue **qp;
    for (qp = &pending->head; *qp; qp = &(*qp)->next) {
        struct ksiginfo *i = &(*qp)->info;
        if (i->si_code > SI_USER && (sigmask(i->si_signo) & SYNCHRONOUS_SIGNALS))
            break;
    }
    if (!*qp)
        return 0;
    unqueue_info(pending, qp, info);
    recalc_sigpending(p);
    return info->si_signo;
    /* LAB 2: END SOLUTION */
    /* LAB 2: STUB
    (void)p, (void)info;
    return 0;
    */
}

/* ---- telling the parent ---- */

static void fill_child_info(struct ksiginfo *info, struct proc *child, int code, int status)
{
    memset(info, 0, sizeof(*info));
    info->si_signo = SIGCHLD;   /* at exit, the child's exit signal (clone) */
    info->si_code = code;
    info->chld.pid = child->pid;
    info->chld.uid = child->cred.uid.real;
    info->chld.status = status;
    /* The child's own CPU time in clock ticks (USER_HZ = 100), as Linux reports it. */
    info->chld.utime = cputime_user_ns(child) / 10000000;
    info->chld.stime = cputime_system_ns(child) / 10000000;
}

/* A child stopped or continued: SIGCHLD unless the parent said SA_NOCLDSTOP (or
   ignores SIGCHLD), and wake it in case it waits (Linux do_notify_parent_cldstop). */
static void do_notify_parent_cldstop(struct proc *child, int why)
{
    struct proc *parent = child->parent;
    struct k_sigaction *ka = &parent->sig.action[SIGCHLD - 1];
    struct ksiginfo info;
    fill_child_info(&info, child, why, why == CLD_CONTINUED ? SIGCONT : child->sig.stop_signal);
    if (ka->handler != SIG_IGN && !(ka->flags & SA_NOCLDSTOP))
        send_signal(SIGCHLD, &info, parent, PIDTYPE_TGID);
    wakeup(parent);
}

/* A child exited. Returns true if nobody will wait for it (the parent ignores SIGCHLD
   or set SA_NOCLDWAIT): the child is then freed at once instead of becoming a zombie.
   The signal is the child's exit signal: SIGCHLD, or what clone's low byte chose
   (none if 0); only SIGCHLD can mean "reap it yourself" (Linux do_notify_parent). */
bool do_notify_parent_exit(struct proc *child, int wait_status)
{
    struct proc *parent = child->parent;
    struct k_sigaction *ka = &parent->sig.action[SIGCHLD - 1];
    int sig = child->exit_signal;
    /* A parent that exec'd since can no longer expect the odd signal. */
    if (sig != SIGCHLD && child->parent_exec_id != parent->self_exec_id)
        sig = SIGCHLD;
    struct ksiginfo info;
    fill_child_info(&info, child, w_cld_code(wait_status), w_cld_status(wait_status));
    info.si_signo = sig;
    bool autoreap = sig == SIGCHLD && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT));
    if (sig == SIGCHLD && ka->handler == SIG_IGN)
        sig = 0;
    if (sig > 0 && sig <= NSIG)
        send_signal(sig, &info, parent, PIDTYPE_TGID);
    wakeup(parent);
    return autoreap;
}

/* ---- default actions ---- */

/*
 * A process group is orphaned when no member has a parent in another group of the
 * same session: nobody is left who could continue it, so the terminal's stop signals
 * are not allowed to stop it (POSIX; Linux will_become_orphaned_pgrp).
 */
bool will_become_orphaned_pgrp(int pgid, struct proc *ignored)
{
    /* LAB 2: BEGIN SOLUTION */
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        if (p->state == UNUSED || p->pgid != pgid || p == ignored || p->state == ZOMBIE)
            continue;
        struct proc *parent = p->parent;
        if (!parent || parent == initproc)
            continue;
        if (parent->pgid != pgid && parent->sid == p->sid)
            return false;
    }
    return true;
    /* LAB 2: END SOLUTION */
    /* LAB 2: STUB
    (void)pgid, (void)ignored;
    return false;
    */
}

bool is_orphaned_pgrp(int pgid)
{
    return will_become_orphaned_pgrp(pgid, 0);
}

/* Stop until SIGCONT or SIGKILL (Linux do_signal_stop), telling the parent first. */
static void do_signal_stop(int sig)
{
    /* LAB 2: BEGIN SOLUTION */
    struct proc *p = current();
    p->sig.stop_signal = sig;
    p->sig.report = REPORT_STOPPED;
    sigtrace_event("stop", sig, p);
    do_notify_parent_cldstop(p, CLD_STOPPED);
    p->state = STOPPED;
    sched();
    sigtrace_event("continued", SIGCONT, p);
    /* LAB 2: END SOLUTION */
    /* LAB 2: STUB
    (void)sig;
    */
}

/* Dump core: we write no file, but print the registers to the kernel log. The wait
   status carries the core bit only when RLIMIT_CORE allows a dump at all (Linux
   needs at least a page for an ELF core). */
static bool do_coredump(int sig)
{
    struct proc *p = current();
    if (p->rlimit[RLIMIT_CORE].cur < 4096) {
        printk("%s[%d]: killed by %s (no core dump: RLIMIT_CORE is %lu)\n", p->name, p->pid,
               signame(sig), p->rlimit[RLIMIT_CORE].cur);
        return false;
    }
    printk("%s[%d]: killed by %s, core dumped; registers:\n", p->name, p->pid, signame(sig));
    print_trapframe(p->tf);
    return true;
}

static noreturn void do_fatal_signal(int sig)
{
    bool core = sig_kernel_coredump(sig) && do_coredump(sig);
    sigtrace_event(core ? "terminate with core" : "terminate", sig, current());
    do_exit(W_SIGNALED(sig) | (core ? W_COREFLAG : 0));
}

/* A fault the kernel forced on init: ignoring it would fault again forever. */
static bool forced_fault(const struct ksiginfo *info)
{
    return info->si_code > SI_USER && (sigmask(info->si_signo) & SYNCHRONOUS_SIGNALS);
}

/*
 * Where gdb hears of a signal. tools/gdb/siglab_stops.py puts a hidden breakpoint on
 * this function: it is the moment native gdb is told of a signal through ptrace (after
 * the dequeue, before the action is chosen), with the user registers of the instruction
 * the signal interrupted, or that faulted, in p->tf. gdb may set *sig to 0 to throw the
 * signal away ("handle SIG nopass"). Without gdb it does nothing: noipa only keeps the
 * compiler from inlining it or from assuming that *sig stays as it was.
 */
__attribute__((noipa)) static void debugger_signal_stop(struct proc *p, int *sig,
                                                        const struct ksiginfo *info)
{
    (void)p, (void)sig, (void)info;
}

/*
 * get_signal: dequeue signals and carry out default actions until one needs a handler
 * (returned, with its action copied to *ka) or none is left (0).
 */
static int get_signal(struct k_sigaction *ka, struct ksiginfo *info)
{
    /* LAB 2: BEGIN SOLUTION */
    struct proc *p = current();
    if (p->sig.notify_continued) {
        p->sig.notify_continued = false;
        do_notify_parent_cldstop(p, CLD_CONTINUED);
        recalc_sigpending(p);
    }
    for (;;) {
        if (p->sig.group_exit) {
            sigtrace_event("terminate", p->sig.group_exit, p);
            do_exit(W_SIGNALED(p->sig.group_exit));
        }
        int sig = dequeue_synchronous_signal(p, info);
        if (!sig)
            sig = dequeue_signal(p, p->sig.blocked, info);
        if (!sig)
            return 0;
        sigtrace_event("dequeue", sig, p);
        if (sig != SIGKILL) {           /* (gdb never sees SIGKILL either) */
            debugger_signal_stop(p, &sig, info);
            if (!sig)
                continue;
        }
        /* Traced: the tracer sees the signal before its action is chosen, and may
           suppress it or put another in its place (signal-delivery-stop). */
        if (is_traced(&p->ptrace) && sig != SIGKILL) {
            sig = ptrace_signal(sig, info);
            if (!sig)
                continue;
        }
        struct k_sigaction *action = &p->sig.action[sig - 1];
        if (action->handler == SIG_IGN) {
            sigtrace_event("ignore (SIG_IGN)", sig, p);
            continue;
        }
        if (action->handler != SIG_DFL) {
            *ka = *action;
            if (action->flags & SA_RESETHAND)
                action->handler = SIG_DFL;
            return sig;
        }
        if (sig_kernel_ignore(sig)) {
            sigtrace_event("ignore (default action)", sig, p);
            continue;
        }
        if (p == initproc && !sig_kernel_only(sig) && !forced_fault(info)) {
            sigtrace_event("ignore (init has no handler)", sig, p);
            continue;
        }
        if (sig_kernel_stop(sig)) {
            if (sig != SIGSTOP && is_orphaned_pgrp(p->pgid)) {
                sigtrace_event("ignore (orphaned process group)", sig, p);
                continue;
            }
            if (is_traced(&p->ptrace))
                ptrace_group_stop(sig);     /* stopped for the tracer instead */
            else
                do_signal_stop(sig);
            continue;
        }
        do_fatal_signal(sig);
    }
    /* LAB 2: END SOLUTION */
    /* LAB 2: STUB
    // Nothing is delivered yet: throw every pending signal away.
    struct proc *p = current();
    (void)ka, (void)info;
    flush_signals(p);
    p->sig.group_exit = 0;
    p->sig.notify_continued = false;
    recalc_sigpending(p);
    return 0;
    */
}

/* A handler's frame is on the user stack: block what the handler asked for and forget
   the alternate stack if it was SS_AUTODISARM (Linux signal_delivered). */
static void signal_delivered(int sig, const struct k_sigaction *ka)
{
    /* LAB 3: BEGIN SOLUTION */
    struct proc *p = current();
    p->sig.restore_sigmask = false;     /* the old mask is saved in the frame */
    sigset_t blocked = p->sig.blocked | ka->mask;
    if (!(ka->flags & SA_NODEFER))
        sigaddset(&blocked, sig);
    set_current_blocked(blocked);
    if (p->sig.altstack.flags & SS_AUTODISARM)
        p->sig.altstack = (struct altstack){ 0, 0, SS_DISABLE };
    /* LAB 3: END SOLUTION */
    /* LAB 3: STUB
    (void)sig, (void)ka;
    */
}

void handle_signal(int sig, const struct k_sigaction *ka, const struct ksiginfo *info,
                   struct trapframe *tf)
{
    struct proc *p = current();
    restart_before_handler(tf, ka);
    sigset_t oldmask = p->sig.restore_sigmask ? p->sig.saved_sigmask : p->sig.blocked;
    if (setup_rt_frame(sig, ka, info, oldmask, tf) < 0) {
        sigtrace_event("no frame", sig, p);   /* the user stack is bad */
        force_sigsegv(sig);
        return;
    }
    signal_delivered(sig, ka);
    p->sig.fault_repeats = 0;   /* a handler ran: a repeated fault is its business */
}

/* Called on the way to user mode whenever a signal may need attention. */
void do_signal(struct trapframe *tf)
{
    struct k_sigaction ka;
    struct ksiginfo info;
    if (current()->ptrace.interrupt)
        ptrace_report_interrupt();      /* PTRACE_INTERRUPT woke us */
    int sig = get_signal(&ka, &info);
    if (sig) {
        handle_signal(sig, &ka, &info, tf);
        return;
    }
    restart_without_handler(tf);
    restore_saved_sigmask();
}
