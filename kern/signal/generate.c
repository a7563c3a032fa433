/*
 * Generating signals (ULK ch. 11, "Generating a Signal"; Linux kernel/signal.c).
 *
 * send_signal() is the one door every signal goes through: kill, tkill, sigqueue, the
 * tty's ^C, a child's exit, a fault, a timer. It decides whether the signal is
 * discarded on the spot, records it in the pending set (and its siginfo in the
 * queue), and wakes the process if it should notice.
 */
#include "kern/signal/signal.h"
#include "kern/signal/trace.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/uaccess.h"
#include "kern/syscall.h"

/* ---- the pending flag ---- */

bool signal_pending(struct proc *p)
{
    return p->sig.sigpending;
}

/* TIF_SIGPENDING: is there anything do_signal must look at? */
void recalc_sigpending(struct proc *p)
{
    /* LAB 1: BEGIN SOLUTION */
    p->sig.sigpending = (all_pending(&p->sig) & ~p->sig.blocked) || p->sig.group_exit ||
                        p->sig.notify_continued;
    /* LAB 1: END SOLUTION */
    /* LAB 1: STUB
    p->sig.sigpending = false;
    */
}

/* Tell p a signal needs its attention; interrupt a sleep; a fatal signal (SIGKILL)
   also wakes a stopped process. */
static void signal_wake_up(struct proc *p, bool fatal)
{
    /* LAB 1: BEGIN SOLUTION */
    p->sig.sigpending = true;
    if (p->state == SLEEPING) {
        p->state = RUNNABLE;
        p->wake_reason = WAKE_SIGNAL;
    } else if ((p->state == STOPPED || p->state == TRACED) && fatal) {
        p->state = RUNNABLE;
    }
    /* LAB 1: END SOLUTION */
    /* LAB 1: STUB
    (void)p, (void)fatal;
    */
}

/* ---- discarding ---- */

static bool sig_handler_ignored(uint64_t handler, int sig)
{
    return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* Would p throw sig away right now? Blocked signals are never ignored: the process
   may install a handler before unblocking them. init ignores every signal it has no
   handler for, unless the kernel forces it: a fault (force_sig_info below) must kill
   even init, or init would fault again forever (Linux force_sig_info_to_task takes
   away init's SIGNAL_UNKILLABLE for a fault it has no handler for). */
static bool sig_ignored(struct proc *p, int sig, bool force)
{
    /* LAB 1: BEGIN SOLUTION */
    if (sigismember(p->sig.blocked, sig) || sigismember(p->sig.real_blocked, sig))
        return false;
    /* A tracer wants to see even ignored signals (SIGKILL cannot stop for it). */
    if (is_traced(&p->ptrace) && sig != SIGKILL)
        return false;
    uint64_t handler = p->sig.action[sig - 1].handler;
    if (p == initproc && handler == SIG_DFL && !force)
        return true;
    return sig_handler_ignored(handler, sig);
    /* LAB 1: END SOLUTION */
    /* LAB 1: STUB
    (void)p, (void)sig, (void)force;
    return false;
    */
}

/*
 * The job-control side effects of generating a signal, then the verdict: false means
 * discard it. A stop signal cancels a pending SIGCONT; SIGCONT cancels pending stop
 * signals and resumes a stopped process, which will tell its parent (CLD_CONTINUED).
 */
static bool prepare_signal(int sig, struct proc *p, bool force)
{
    /* LAB 1: BEGIN SOLUTION */
    if (p->state == ZOMBIE)
        return false;
    if (sig_kernel_stop(sig)) {
        flush_sigqueue_mask(p, sigmask(SIGCONT));
    } else if (sig == SIGCONT) {
        flush_sigqueue_mask(p, STOP_SIGNALS);
        if (p->state == STOPPED) {
            p->state = RUNNABLE;
            p->sig.report = REPORT_CONTINUED;
            p->sig.notify_continued = true;
            p->sig.sigpending = true;   /* so do_signal sends the notification */
        }
    }
    return !sig_ignored(p, sig, force);
    /* LAB 1: END SOLUTION */
    /* LAB 1: STUB
    return !sig_ignored(p, sig, force);
    */
}

/* A fatal signal nobody will catch: the process dies as soon as it runs (Linux
   complete_signal's group-exit shortcut), before handlers of other pending signals. */
static bool sig_fatal(struct proc *p, int sig)
{
    uint64_t handler = p->sig.action[sig - 1].handler;
    return handler == SIG_DFL && !sig_kernel_ignore(sig) && !sig_kernel_stop(sig);
}

/* The signal is pending: decide who must notice, and wake it. */
static void complete_signal(int sig, struct proc *p)
{
    /* LAB 1: BEGIN SOLUTION */
    if (sigismember(p->sig.blocked, sig))
        return;
    if (p->state == STOPPED && sig != SIGKILL)
        return;     /* it will see the signal once continued */
    /* (Not for a traced process: its tracer may still change the signal.) */
    if (sig_fatal(p, sig) && !sig_kernel_coredump(sig) && !sigismember(p->sig.real_blocked, sig) &&
        p != initproc && (sig == SIGKILL || !is_traced(&p->ptrace))) {
        p->sig.group_exit = sig;
        sigaddset(&p->sig.pending.signal, SIGKILL);
        signal_wake_up(p, true);
        return;
    }
    signal_wake_up(p, sig == SIGKILL);
    /* LAB 1: END SOLUTION */
    /* LAB 1: STUB
    (void)sig, (void)p;
    */
}

/* A standard signal already pending is not queued twice (ULK: "legacy" signals). */
static bool legacy_queue(struct sigpending *pending, int sig)
{
    /* LAB 1: BEGIN SOLUTION */
    return sig < SIGRTMIN && sigismember(pending->signal, sig);
    /* LAB 1: END SOLUTION */
    /* LAB 1: STUB
    (void)pending, (void)sig;
    return false;
    */
}

static void queue_info(struct sigpending *pending, struct sigqueue *q)
{
    struct sigqueue **tail = &pending->head;
    while (*tail)
        tail = &(*tail)->next;
    *tail = q;
}

/*
 * send_signal (Linux __send_signal_locked). info->si_code says who sends: SI_USER
 * (kill), SI_QUEUE (sigqueue), SI_TKILL (tgkill), SI_KERNEL or a positive fault code.
 * type: the thread (PIDTYPE_PID: its private queue) or the process (the shared one).
 * force: the kernel insists (a fault): ignoring is not an option for init either.
 * Returns 0, or -EAGAIN when a real-time signal cannot be queued.
 */
int send_signal_forced(int sig, struct ksiginfo *info, struct proc *p, enum pid_type type,
                       bool force)
{
    /* LAB 1: BEGIN SOLUTION */
    if (!prepare_signal(sig, p, force)) {
        sigtrace_generate(sig, info, p, "discarded (ignored)");
        return 0;
    }
    struct sigpending *pending = type == PIDTYPE_PID ? &p->sig.pending : &p->sig.shared_pending;
    if (legacy_queue(pending, sig)) {
        sigtrace_generate(sig, info, p, "already pending: merged");
        return 0;
    }
    /* Kernel and kill() senders of standard signals may exceed RLIMIT_SIGPENDING:
       the signal must get through even if its siginfo cannot. */
    bool override = sig < SIGRTMIN && info->si_code >= 0;
    struct sigqueue *q = sig == SIGKILL ? 0 : sigqueue_alloc(p, override);
    if (q) {
        q->info = *info;
        q->info.si_signo = sig;
        queue_info(pending, q);
    } else if (sig >= SIGRTMIN && info->si_code != SI_USER) {
        sigtrace_generate(sig, info, p, "queue full: EAGAIN");
        return -EAGAIN;
    }
    /* (Otherwise the siginfo is lost, but the signal itself is still sent.) */
    sigaddset(&pending->signal, sig);
    sigtrace_generate(sig, info, p, q ? "pending" : "pending (siginfo lost)");
    complete_signal(sig, p);
    return 0;
    /* LAB 1: END SOLUTION */
    /* LAB 1: STUB
    // Every signal is lost until this is written.
    (void)sig, (void)info, (void)p, (void)type, (void)force;
    return 0;
    */
}

int send_signal(int sig, struct ksiginfo *info, struct proc *p, enum pid_type type)
{
    int ret = send_signal_forced(sig, info, p, type, false);
    /* signal_wake_up and prepare_signal may have made p RUNNABLE (a sleep ended, a
       stop ended); queueing it for the CPU is the scheduler's part (kern/sched.c). */
    runq_add(p);
    signalfd_notify(p);     /* a blocked signal wakes nobody else (signalfd.c) */
    return ret;
}

/* What kill() fills in: the sender's pid and real uid. */
void prepare_kill_siginfo(struct ksiginfo *info, int code, struct proc *sender)
{
    memset(info, 0, sizeof(*info));
    info->si_code = code;
    if (sender) {
        info->kill.pid = sender->pid;
        info->kill.uid = sender->cred.uid.real;
    }
}

/* A signal from the kernel itself (SI_KERNEL: timers, ttys, notifications) or from a
   process (SI_USER). */
int send_signal_from(int sig, struct proc *p, struct proc *sender)
{
    struct ksiginfo info;
    prepare_kill_siginfo(&info, sender ? SI_USER : SI_KERNEL, sender);
    return send_signal(sig, &info, p, PIDTYPE_TGID);
}

/* The same, aimed at the thread (Linux send_sig: SIGPIPE, SIGXFSZ go to the thread
   that caused them). */
int send_sig(int sig, struct proc *p, struct proc *sender)
{
    struct ksiginfo info;
    prepare_kill_siginfo(&info, sender ? SI_USER : SI_KERNEL, sender);
    return send_signal(sig, &info, p, PIDTYPE_PID);
}

/* A fault in the current process: the signal cannot be blocked or ignored, or the
   program would fault again forever (Linux force_sig_info_to_task). */
static void force_sig_info(int sig, struct ksiginfo *info)
{
    struct proc *p = current();
    struct k_sigaction *ka = &p->sig.action[sig - 1];
    bool blocked = sigismember(p->sig.blocked, sig);
    if (blocked || ka->handler == SIG_IGN) {
        ka->handler = SIG_DFL;
        if (blocked) {
            sigdelset(&p->sig.blocked, sig);
            recalc_sigpending(p);
        }
    }
    send_signal_forced(sig, info, p, PIDTYPE_PID, true);     /* a fault is the thread's */
    runq_add(p);
    signalfd_notify(p);
}

void force_sig_fault(int sig, int code, uint64_t addr)
{
    struct ksiginfo info;
    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = code;
    info.fault.addr = addr;
    force_sig_info(sig, &info);
}

void force_sig(int sig)
{
    struct ksiginfo info;
    prepare_kill_siginfo(&info, SI_KERNEL, 0);
    force_sig_info(sig, &info);
}

/* The frame for a handler could not be written: the process gets SIGSEGV, and a
   SIGSEGV handler is forgotten so that it cannot loop (Linux force_sigsegv). */
void force_sigsegv(int sig)
{
    if (sig == SIGSEGV)
        current()->sig.action[SIGSEGV - 1].handler = SIG_DFL;
    force_sig(SIGSEGV);
}

/* ---- kill and friends ---- */

/* Did a process ask for this signal (kill, tkill, sigqueue: si_code <= 0), rather
   than the kernel (a tty's ^C, a child's death, a fault)? Linux SI_FROMUSER. */
static bool si_fromuser(const struct ksiginfo *info)
{
    return info->si_code <= 0;
}

/*
 * May the current process send sig to t? (ULK ch. 11, check_kill_permission.) The
 * kernel may always; a process may signal itself, and anyone whose ids match (see
 * kill_ok_by_cred in kern/cred.c). SIGCONT is the exception: a shell must be able to
 * continue the jobs of its session even after they ran a set-user-id program.
 * Signal 0 is checked too: kill(pid, 0) asks exactly this question. Every user-sent
 * signal passes here, pidfd_send_signal's too (kern/pidfd.c).
 */
static int check_kill_permission(int sig, const struct ksiginfo *info, struct proc *t)
{
    struct proc *me = current();
    if (!valid_signal(sig) && sig != 0)
        return -EINVAL;
    if (!si_fromuser(info) || t == me || kill_ok_by_cred(me, t))
        return 0;
    if (sig == SIGCONT && t->sid == me->sid)
        return 0;
    return -EPERM;
}

/* Linux's name: the permission check, then send_signal (sig 0: only the check). */
int group_send_sig_info(int sig, struct ksiginfo *info, struct proc *p, enum pid_type type)
{
    int err = check_kill_permission(sig, info, p);
    if (err)
        return err;
    return sig ? send_signal(sig, info, p, type) : 0;
}

/* Send to every member of a process group; -ESRCH if it has none. Success if any
   member got it, else the last member's error (-EPERM if none was ours to signal). */
static int kill_pgrp_info(int sig, struct ksiginfo *info, int pgid)
{
    bool success = false;
    int ret = -ESRCH;
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        if (p->state == UNUSED || p->pgid != pgid)
            continue;
        ret = group_send_sig_info(sig, info, p, PIDTYPE_TGID);
        success |= ret == 0;
    }
    return success ? 0 : ret;
}

int kill_pgrp(int pgid, int sig, struct proc *sender)
{
    struct ksiginfo info;
    prepare_kill_siginfo(&info, sender ? SI_USER : SI_KERNEL, sender);
    return kill_pgrp_info(sig, &info, pgid);
}

/* kill(-1, sig): everyone but init and the caller. Those we may not signal are
   skipped without a word: Linux answers 0 even when that was all of them, and -ESRCH
   only when there is nobody else at all. */
static int kill_everyone(int sig, struct ksiginfo *info)
{
    int count = 0, ret = 0;
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        if (p->state == UNUSED || p->pid <= 1 || p == current())
            continue;
        int err = group_send_sig_info(sig, info, p, PIDTYPE_TGID);
        count++;
        if (err != -EPERM)
            ret = err;
    }
    return count ? ret : -ESRCH;
}

/* kill(2): pid > 0 one process, 0 my group, -1 everyone, < -1 group -pid. */
long sys_kill(int pid, int sig)
{
    /* LAB 1: BEGIN SOLUTION */
    struct ksiginfo info;
    prepare_kill_siginfo(&info, SI_USER, current());
    if (pid > 0) {
        struct proc *p = proc_find(pid);
        return p ? group_send_sig_info(sig, &info, p, PIDTYPE_TGID) : -ESRCH;
    }
    if (pid == -1)
        return kill_everyone(sig, &info);
    if (pid == INT32_MIN)
        return -ESRCH;
    return kill_pgrp_info(sig, &info, pid ? -pid : current()->pgid);
    /* LAB 1: END SOLUTION */
    /* LAB 1: STUB
    (void)pid, (void)sig;
    return -ENOSYS;
    */
}

static long do_tkill(int tgid, int tid, int sig)
{
    struct ksiginfo info;
    prepare_kill_siginfo(&info, SI_TKILL, current());
    struct proc *p = proc_find(tid);
    if (!p || (tgid > 0 && p->pid != tgid))
        return -ESRCH;
    return group_send_sig_info(sig, &info, p, PIDTYPE_PID);     /* this thread's own */
}

long sys_tkill(int tid, int sig)
{
    return tid <= 0 ? -EINVAL : do_tkill(0, tid, sig);
}

long sys_tgkill(int tgid, int tid, int sig)
{
    return (tid <= 0 || tgid <= 0) ? -EINVAL : do_tkill(tgid, tid, sig);
}

/* sigqueue(3): the caller supplies the siginfo. Nobody may pretend to be the kernel
   or kill()/tgkill() when signalling another process (Linux do_rt_sigqueueinfo).
   rt_tgsigqueueinfo (syscalls.c) aims it at the thread. */
long do_rt_sigqueueinfo(int pid, int sig, uint64_t uinfo, enum pid_type type)
{
    struct ksiginfo info;
    if (copy_from_user(&info, uinfo, sizeof(info)) < 0)
        return -EFAULT;
    info.si_signo = sig;
    if ((info.si_code >= 0 || info.si_code == SI_TKILL) && pid != current()->pid)
        return -EPERM;
    struct proc *p = pid > 0 ? proc_find(pid) : 0;
    return p ? group_send_sig_info(sig, &info, p, type) : -ESRCH;
}

long sys_rt_sigqueueinfo(int pid, int sig, uint64_t uinfo)
{
    return do_rt_sigqueueinfo(pid, sig, uinfo, PIDTYPE_TGID);
}

/* For rt_sigaction: would this handler discard sig? Then drop it if pending. */
bool sig_handler_ignored_for(uint64_t handler, int sig)
{
    return sig_handler_ignored(handler, sig);
}
