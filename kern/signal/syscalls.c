/*
 * The signal system calls that manage state rather than send or deliver signals:
 * rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend, pause,
 * rt_sigtimedwait, sigaltstack.
 */
#include "kern/signal/signal.h"
#include "kern/signal/syscall_x86_64.h"   /* user_stack_pointer */
#include "kern/signal/trace.h"
#include "kern/proc.h"
#include "kern/timer.h"
#include "kern/timespec.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/syscall.h"

/* The flags rt_sigaction keeps (Linux UAPI_SA_FLAGS on x86); others read back as 0
   so programs can tell what the kernel supports. */
#define SA_KNOWN_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
                        SA_NODEFER | SA_RESETHAND | SA_RESTORER | SA_EXPOSE_TAGBITS)

/* Change the blocked mask; SIGKILL and SIGSTOP can never be blocked. */
void set_current_blocked(sigset_t set)
{
    struct proc *p = current();
    p->sig.blocked = set & ~UNBLOCKABLE;
    recalc_sigpending(p);
}

/* sigsuspend and pselect6 replaced the mask for the duration of the call; if no
   handler frame saved the old one, put it back now. */
void restore_saved_sigmask(void)
{
    struct proc *p = current();
    if (!p->sig.restore_sigmask)
        return;
    p->sig.restore_sigmask = false;
    set_current_blocked(p->sig.saved_sigmask);
}

static void set_temporary_mask(sigset_t set)
{
    struct proc *p = current();
    p->sig.saved_sigmask = p->sig.blocked;
    p->sig.restore_sigmask = true;
    set_current_blocked(set);
}

/* ppoll and pselect6: the caller's mask (if any) for the duration of the
   call (Linux set_user_sigmask). If a signal interrupts the call, the old mask comes
   back only after its handler ran (the frame saves it), exactly as for sigsuspend. */
long set_user_sigmask(uint64_t usigmask, size_t sigsetsize)
{
    if (!usigmask)
        return 0;
    if (sigsetsize != sizeof(sigset_t))
        return -EINVAL;
    sigset_t set;
    if (copy_from_user(&set, usigmask, sizeof(set)) < 0)
        return -EFAULT;
    set_temporary_mask(set);
    return 0;
}

/* The end of such a call: ret is its answer (Linux restore_saved_sigmask_unless). */
void restore_user_sigmask(long ret)
{
    if (ret != -ERESTARTNOHAND)
        restore_saved_sigmask();
}

long sys_rt_sigaction(int sig, uint64_t uact, uint64_t uoact, size_t sigsetsize)
{
    struct k_sigaction new_ka, old_ka;
    if (sigsetsize != sizeof(sigset_t))
        return -EINVAL;
    if (uact && copy_from_user(&new_ka, uact, sizeof(new_ka)) < 0)
        return -EFAULT;
    if (!valid_signal(sig) || (uact && sig_kernel_only(sig)))
        return -EINVAL;
    struct proc *p = current();
    struct k_sigaction *k = &p->sig.action[sig - 1];
    old_ka = *k;
    if (uact) {
        new_ka.flags &= SA_KNOWN_FLAGS;
        new_ka.mask &= ~UNBLOCKABLE;
        *k = new_ka;
        /* POSIX: setting SIG_IGN (or SIG_DFL where the default is to ignore) discards
           the signal if it is pending, blocked or not. */
        if (sig_handler_ignored_for(k->handler, sig)) {
            flush_sigqueue_mask(p, sigmask(sig));
            recalc_sigpending(p);
        }
    }
    if (uoact && copy_to_user(uoact, &old_ka, sizeof(old_ka)) < 0)
        return -EFAULT;
    return 0;
}

long sys_rt_sigprocmask(int how, uint64_t uset, uint64_t uoset, size_t sigsetsize)
{
    struct proc *p = current();
    sigset_t old = p->sig.blocked, set;
    if (sigsetsize != sizeof(sigset_t))
        return -EINVAL;
    if (uset) {
        if (copy_from_user(&set, uset, sizeof(set)) < 0)
            return -EFAULT;
        switch (how) {
        case SIG_BLOCK: set_current_blocked(old | set); break;
        case SIG_UNBLOCK: set_current_blocked(old & ~set); break;
        case SIG_SETMASK: set_current_blocked(set); break;
        default: return -EINVAL;
        }
    }
    if (uoset && copy_to_user(uoset, &old, sizeof(old)) < 0)
        return -EFAULT;
    return 0;
}

/* The signals that are pending because they are blocked. */
long sys_rt_sigpending(uint64_t uset, size_t sigsetsize)
{
    struct proc *p = current();
    if (sigsetsize > sizeof(sigset_t))
        return -EINVAL;
    sigset_t set = all_pending(&p->sig) & p->sig.blocked;
    return copy_to_user(uset, &set, sigsetsize);
}

/* Sleep until a signal arrives (any event on our own signal state). */
static void wait_for_signal(void)
{
    struct proc *p = current();
    while (!signal_pending(p))
        sleep_on(&p->sig, 0);
}

long sys_pause(void)
{
    wait_for_signal();
    return -ERESTARTNOHAND;
}

/* Replace the mask and wait; the handler's frame carries the old mask, so it comes
   back when the handler returns (sigreturn), not before. */
long sys_rt_sigsuspend(uint64_t uset, size_t sigsetsize)
{
    sigset_t set;
    if (sigsetsize != sizeof(sigset_t))
        return -EINVAL;
    if (copy_from_user(&set, uset, sizeof(set)) < 0)
        return -EFAULT;
    set_temporary_mask(set);
    wait_for_signal();
    return -ERESTARTNOHAND;
}

/* sigtimedwait: take one of the signals in *uthese, waiting for it up to the timeout.
   While waiting, those signals are unblocked so that they wake us, but real_blocked
   remembers that they must neither be discarded nor kill us (Linux do_sigtimedwait). */
long sys_rt_sigtimedwait(uint64_t uthese, uint64_t uinfo, uint64_t uts, size_t sigsetsize)
{
    struct proc *p = current();
    sigset_t these;
    uint64_t deadline = 0;
    bool forever = !uts;
    if (sigsetsize != sizeof(sigset_t))
        return -EINVAL;
    if (copy_from_user(&these, uthese, sizeof(these)) < 0)
        return -EFAULT;
    if (uts) {
        uint64_t ns;
        int err = get_timespec_ns(uts, &ns);
        if (err)
            return err;
        deadline = ns ? clock_ns() + ns : 0;
    }
    these &= ~UNBLOCKABLE;
    sigset_t mask = ~these;
    struct ksiginfo info;
    int sig = dequeue_signal(p, mask, &info);
    bool timed_out = !forever && !deadline;
    if (!sig && !timed_out) {
        p->sig.real_blocked = p->sig.blocked;
        p->sig.blocked &= mask;
        recalc_sigpending(p);
        timed_out = sleep_on(&p->sig, deadline) == WAKE_TIMEOUT;
        p->sig.blocked = p->sig.real_blocked;
        p->sig.real_blocked = 0;
        sig = dequeue_signal(p, mask, &info);
    }
    if (!sig)
        return timed_out ? -EAGAIN : -EINTR;
    sigtrace_event("sigwait", sig, p);      /* dequeued without a handler or action */
    if (uinfo && copy_to_user(uinfo, &info, sizeof(info)) < 0)
        return -EFAULT;
    return sig;
}

/* ---- the alternate signal stack ---- */

bool on_sig_stack(uint64_t sp)
{
    struct altstack *as = &current()->sig.altstack;
    /* With SS_AUTODISARM the settings are cleared on entry to a handler, so "on the
       stack" cannot be told; Linux answers no. */
    if (as->flags & SS_AUTODISARM)
        return false;
    return sp > as->sp && sp - as->sp <= as->size;
}

uint32_t sas_ss_flags(uint64_t sp)
{
    if (!current()->sig.altstack.size)
        return SS_DISABLE;
    return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/*
 * Install *ss as the alternate stack of a process whose stack pointer is sp (Linux
 * do_sigaltstack): sigaltstack(2) and rt_sigreturn's uc_stack both come here. Not
 * while running on the current one (EPERM); the mode is 0, SS_ONSTACK or SS_DISABLE,
 * with SS_AUTODISARM or not (EINVAL); a stack needs MINSIGSTKSZ bytes (ENOMEM).
 */
int do_sigaltstack(const struct stack_t_k *ss, uint64_t sp)
{
    if (on_sig_stack(sp))
        return -EPERM;
    uint32_t mode = (uint32_t)ss->ss_flags & ~SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
        return -EINVAL;
    struct altstack *as = &current()->sig.altstack;
    if (mode == SS_DISABLE)
        *as = (struct altstack){ 0, 0, (uint32_t)ss->ss_flags };
    else if (ss->ss_size >= MINSIGSTKSZ)
        *as = (struct altstack){ ss->ss_sp, ss->ss_size, (uint32_t)ss->ss_flags };
    else
        return -ENOMEM;
    return 0;
}

long sys_sigaltstack(uint64_t uss, uint64_t uoss)
{
    struct proc *p = current();
    struct altstack *as = &p->sig.altstack;
    uint64_t sp = user_stack_pointer(p->tf);
    struct stack_t_k ss, old = {
        .ss_sp = as->sp,
        .ss_flags = (int32_t)(sas_ss_flags(sp) | (as->flags & SS_AUTODISARM)),
        .ss_size = as->size,
    };
    if (uss) {
        if (copy_from_user(&ss, uss, sizeof(ss)) < 0)
            return -EFAULT;
        int err = do_sigaltstack(&ss, sp);
        if (err)
            return err;
    }
    if (uoss && copy_to_user(uoss, &old, sizeof(old)) < 0)
        return -EFAULT;
    return 0;
}

/* rt_tgsigqueueinfo(2): rt_sigqueueinfo aimed at one thread of a thread group. One
   thread per process here, so the thread must be the group itself (Linux
   do_rt_tgsigqueueinfo: the siginfo and the sender's right to forge it are checked
   before the target is looked up). */
long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, uint64_t uinfo)
{
    if (tgid <= 0 || tid <= 0)
        return -EINVAL;
    struct ksiginfo info;
    if (copy_from_user(&info, uinfo, sizeof(info)) < 0)
        return -EFAULT;
    if ((info.si_code >= 0 || info.si_code == SI_TKILL) && tid != current()->pid)
        return -EPERM;
    if (tid != tgid || !proc_find(tid))
        return -ESRCH;
    return do_rt_sigqueueinfo(tid, sig, uinfo, PIDTYPE_PID);
}
