/*
 * Where a traced process stops for its tracer (ULK ch. 11, "Delivering a Signal": the
 * first thing do_signal asks is whether the process is traced; Linux ptrace_stop,
 * ptrace_signal, ptrace_report_syscall_entry/exit).
 *
 * A stop is a sleep in state TRACED that only the tracer (kern/ptrace.c: PTRACE_CONT,
 * PTRACE_SYSCALL, PTRACE_DETACH) or SIGKILL ends. Going in, the tracee leaves the code
 * of the stop in ptrace.exit_code for the tracer's wait4 (WIFSTOPPED, status >> 8)
 * and sends it SIGCHLD; coming out, exit_code holds what the tracer chose, usually a
 * signal to deliver instead of the one that caused the stop.
 *
 * The stops:
 *   signal-delivery-stop  get_signal (deliver.c), after a signal is dequeued and
 *                         before its action is chosen: code = the signal
 *   syscall-enter-stop    before the system call runs (after PTRACE_SYSCALL):
 *   syscall-exit-stop     and after; code = SIGTRAP, | 0x80 with PTRACE_O_TRACESYSGOOD
 *   group-stop            a stop signal's default action: code = the signal
 *   PTRACE_INTERRUPT stop of a PTRACE_SEIZEd tracee:
 *                         code = SIGTRAP | PTRACE_EVENT_STOP << 8
 */
#include "kern/ptrace.h"
#include "kern/signal/signal.h"
#include "kern/signal/trace.h"
#include "kern/signal/syscall_x86_64.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/string.h"


/* SIGCHLD to the tracer (unless it ignores SIGCHLD or said SA_NOCLDSTOP), and wake
   its wait (Linux do_notify_parent_cldstop with for_ptracer). */
static void notify_tracer(struct proc *p, int why)
{
    struct proc *tracer = p->ptrace.tracer;
    struct k_sigaction *ka = &tracer->sig.action[SIGCHLD - 1];
    struct ksiginfo info;
    memset(&info, 0, sizeof(info));
    info.si_signo = SIGCHLD;
    info.si_code = why;
    info.chld.pid = p->pid;
    info.chld.status = p->ptrace.exit_code & 0x7f;
    if (ka->handler != SIG_IGN && !(ka->flags & SA_NOCLDSTOP))
        send_signal(SIGCHLD, &info, tracer, PIDTYPE_TGID);
    wakeup(tracer);
}

/* A SIGKILL is on its way: no stop can hold the process any more. */
static bool being_killed(struct proc *p)
{
    return p->sig.group_exit || sigismember(all_pending(&p->sig), SIGKILL);
}

/*
 * Stop and let the tracer look (Linux ptrace_stop). info is what PTRACE_GETSIGINFO
 * shows and PTRACE_SETSIGINFO may rewrite. Returns what the tracer resumed us with.
 */
static int ptrace_stop(int exit_code, int why, struct ksiginfo *info, const char *what)
{
    struct proc *p = current();
    if (!is_traced(&p->ptrace) || being_killed(p))
        return exit_code;
    p->ptrace.exit_code = exit_code;
    p->ptrace.last_siginfo = info;
    p->ptrace.report = true;
    if (exit_code <= NSIG)     /* a signal number, not 0x85 or an event code */
        sigtrace("ptrace    %-8s in pid %d (%s): %s, tracer pid %d", signame(exit_code),
                 p->pid, p->name, what, p->ptrace.tracer->pid);
    else
        sigtrace("ptrace    pid %d (%s): %s, code %#x, tracer pid %d", p->pid, p->name, what,
                 exit_code, p->ptrace.tracer->pid);
    notify_tracer(p, why);
    p->state = TRACED;
    sched();
    /* Resumed by the tracer, by its exit (detached), or woken by SIGKILL. */
    p->ptrace.last_siginfo = 0;
    p->ptrace.report = false;
    int chosen = p->ptrace.exit_code;
    p->ptrace.exit_code = 0;
    return chosen;
}

/* The siginfo a signal the tracer substituted carries: sent by the tracer (Linux
   ptrace_signal: "the debugger wanted something specific" uses SETSIGINFO). */
static void tracer_siginfo(struct ksiginfo *info, int sig)
{
    struct proc *tracer = current()->ptrace.tracer;
    *info = (struct ksiginfo){ .si_signo = sig, .si_code = SI_USER };
    info->kill.pid = tracer ? tracer->pid : 0;
}

/*
 * Signal-delivery-stop (Linux ptrace_signal). Called by get_signal for a dequeued
 * signal other than SIGKILL. Returns the signal to act on now: the same one, another
 * the tracer injected (with its siginfo), or 0 when the tracer suppressed it or the
 * new signal is blocked (then it is pending again).
 */
int ptrace_signal(int sig, struct ksiginfo *info)
{
    struct proc *p = current();
    int chosen = ptrace_stop(sig, CLD_TRAPPED, info, "signal-delivery-stop");
    if (being_killed(p))
        return 0;       /* get_signal's loop sees the SIGKILL next */
    if (chosen == 0) {
        sigtrace("ptrace    %-8s in pid %d (%s): suppressed by the tracer", signame(sig),
                 p->pid, p->name);
        return 0;
    }
    if (chosen != info->si_signo)
        tracer_siginfo(info, chosen);
    if (chosen != sig)
        sigtrace("ptrace    %-8s in pid %d (%s): replaced by %s, injected by the tracer",
                 signame(sig), p->pid, p->name, signame(chosen));
    else
        sigtrace("ptrace    %-8s in pid %d (%s): delivered as the tracer allowed", signame(sig),
                 p->pid, p->name);
    if (sigismember(p->sig.blocked, chosen)) {
        send_signal(chosen, info, p, PIDTYPE_PID);   /* blocked now: it waits like any other */
        return 0;
    }
    return chosen;
}

/* A stop signal's default action in a traced process (Linux do_signal_stop, then
   do_jobctl_trap): it stops for the tracer, reported as the stop signal but with no
   siginfo (GETSIGINFO: EINVAL, how a tracer tells it from a signal-delivery-stop),
   and only the tracer resumes it; the signal it resumes with is dropped. (Its
   parent, when not the tracer, is not told: Linux would send it CLD_STOPPED.) */
void ptrace_group_stop(int sig)
{
    current()->sig.stop_signal = sig;
    ptrace_stop(sig, CLD_STOPPED, 0, "group-stop");
}

/* A syscall-stop; a signal the tracer resumes with is sent, not delivered in place
   (Linux ptrace_report_syscall: "not the same as continuing with a signal"). */
static void report_syscall(const char *what)
{
    struct proc *p = current();
    int code = SIGTRAP | ((p->ptrace.options & PTRACE_O_TRACESYSGOOD) ? 0x80 : 0);
    struct ksiginfo info;
    memset(&info, 0, sizeof(info));
    info.si_signo = SIGTRAP;
    info.si_code = code;
    info.kill.pid = p->pid;
    int sig = ptrace_stop(code, CLD_TRAPPED, &info, what);
    if (sig && valid_signal(sig) && !being_killed(p)) {
        memset(&info, 0, sizeof(info));
        info.si_signo = sig;
        info.si_code = SI_KERNEL;
        send_signal(sig, &info, p, PIDTYPE_PID);
    }
}

/* Before a system call runs. The tracer may change the call (orig_rax) or its
   arguments; true means skip it: the process is being killed. As on Linux, the
   tracer sees rax = -ENOSYS here. */
bool ptrace_report_syscall_entry(struct trapframe *tf)
{
    struct proc *p = current();
    if (!is_traced(&p->ptrace) || !p->ptrace.syscall_trace)
        return false;
    syscall_set_return(tf, -ENOSYS);
    report_syscall("syscall-enter-stop");
    /* orig_rax = -1 from the tracer: skip the call, rax is its result. */
    return being_killed(p) || syscall_get_nr(tf) == -1;
}

/* After it ran, with its result in rax, which the tracer may change too. */
void ptrace_report_syscall_exit(struct trapframe *tf)
{
    struct proc *p = current();
    (void)tf;
    if (is_traced(&p->ptrace) && p->ptrace.syscall_trace)
        report_syscall("syscall-exit-stop");
}

/* PTRACE_INTERRUPT asked a seized tracee to stop (Linux do_jobctl_trap). Called by
   do_signal, which the request woke. */
void ptrace_report_interrupt(void)
{
    struct proc *p = current();
    p->ptrace.interrupt = false;
    int code = SIGTRAP | (PTRACE_EVENT_STOP << 8);
    struct ksiginfo info;
    memset(&info, 0, sizeof(info));
    info.si_signo = SIGTRAP;
    info.si_code = code;
    info.kill.pid = p->pid;
    ptrace_stop(code, CLD_STOPPED, &info, "PTRACE_INTERRUPT stop");
}

/* execve succeeded in a process traced the old way (TRACEME or ATTACH, not SEIZE):
   it gets a SIGTRAP, so the tracer can look at the new image before it runs (Linux
   ptrace_event(PTRACE_EVENT_EXEC) without the option). */
void ptrace_exec_trap(void)
{
    struct proc *p = current();
    if ((p->ptrace.flags & (PT_PTRACED | PT_SEIZED)) != PT_PTRACED)
        return;
    struct ksiginfo info;
    memset(&info, 0, sizeof(info));
    info.si_signo = SIGTRAP;
    info.si_code = SI_USER;
    info.kill.pid = p->pid;     /* sent by the process to itself */
    send_signal(SIGTRAP, &info, p, PIDTYPE_PID);
}

/*
 * A tracee dies. If its tracer is its parent, the usual SIGCHLD tells both at once.
 * Otherwise the tracer hears first (SIGCHLD, and its wait sees the exit); the parent
 * is told only when the tracer has waited (ptrace_exit_reaped) or gone. Returns true
 * when the parent's notification is deferred that way.
 */
bool ptrace_exit_notify(struct proc *tracee, int wait_status)
{
    struct proc *tracer = tracee->ptrace.tracer;
    if (!tracer || tracer == tracee->parent)
        return false;
    struct ksiginfo info;
    memset(&info, 0, sizeof(info));
    info.si_signo = SIGCHLD;
    info.si_code = w_cld_code(wait_status);
    info.chld.pid = tracee->pid;
    info.chld.status = w_cld_status(wait_status);
    if (tracer->sig.action[SIGCHLD - 1].handler != SIG_IGN)
        send_signal(SIGCHLD, &info, tracer, PIDTYPE_TGID);
    tracee->ptrace.exit_report = true;
    wakeup(tracer);
    return true;
}

/* The tracer (not the parent) has seen the zombie: now the parent may (Linux
   wait_task_zombie's ptrace_reparented case). */
void ptrace_exit_reaped(struct proc *tracee)
{
    tracee->ptrace.exit_report = false;
    ptrace_unlink(tracee);
    if (do_notify_parent_exit(tracee, tracee->wait_status))
        proc_free(tracee);
}
