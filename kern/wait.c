/*
 * Waiting for children: wait4 and waitid (Linux kernel/exit.c, do_wait).
 *
 * A child has something to report when it has died (a zombie), stopped, or been
 * continued, and the caller asked for that kind of event. do_wait() scans the
 * children for one; reaping a zombie frees it, unless the caller said WNOWAIT.
 * Only when nothing is there does it look for signals: the signal that woke the
 * caller may be the SIGCHLD of the very child it waits for, and then that child is
 * reported instead of EINTR. The results are written to user memory last, after the
 * child is reaped: a bad pointer gives -EFAULT, but the child is gone, as on Linux.
 */
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/uaccess.h"
#include "kern/syscall.h"
#include "kern/pidfd.h"

#define WNOHANG     1
#define WUNTRACED   2           /* waitid calls it WSTOPPED */
#define WSTOPPED    WUNTRACED
#define WEXITED     4
#define WCONTINUED  8
#define WNOWAIT     0x01000000
#define WNOTHREAD   0x20000000
#define WALL        0x40000000
#define WCLONE      0x80000000

/* waitid's idtype */
#define P_ALL       0
#define P_PID       1
#define P_PGID      2
#define P_PIDFD     3           /* id is a pidfd (kern/pidfd.c) */

/* si_code of a SIGCHLD-style siginfo (Linux include/uapi/asm-generic/siginfo.h). */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* Which children a wait is about, and which events it wants. */
struct wait_opts {
    int idtype;                 /* P_ALL, P_PID, P_PGID */
    pid_t id;
    int options;                /* WEXITED, WSTOPPED, WCONTINUED, WNOHANG, WNOWAIT */
};

/* One event of one child, in both of the forms user space gets it. */
struct wait_event {
    pid_t pid;
    uint32_t uid;               /* the child's real uid (si_uid) */
    int status;                 /* wait4's status word */
    int code;                   /* waitid's si_code (CLD_*) */
    int si_status;              /* waitid's si_status: exit code or signal */
    struct rusage_k ru;         /* the child's (and its reaped children's) usage */
};

/* A "clone child" (exit signal other than SIGCHLD, even none) is waited for only with
   __WCLONE, the others only without it; __WALL takes both (Linux eligible_child). */
static bool wait_clone_matches(struct proc *c, int options)
{
    if (options & WALL)
        return true;
    return (c->exit_signal != SIGCHLD) == ((options & WCLONE) != 0);
}

static bool wait_matches(struct proc *me, struct proc *c, const struct wait_opts *wo)
{
    if (c->ptrace.tracer != me && !wait_clone_matches(c, wo->options))
        return false;
    switch (wo->idtype) {
    case P_PID:  return c->pid == wo->id;
    case P_PGID: return c->pgid == (wo->id ? wo->id : me->pgid);
    default:     return true;
    }
}

static void exit_event(struct proc *z, struct wait_event *ev)
{
    int st = z->wait_status;
    ev->status = st;
    ev->code = w_cld_code(st);
    ev->si_status = w_cld_status(st);
}

/* A ptrace stop or a tracee's death, for its tracer: a stop is reported without
   WUNTRACED (Linux wait_task_stopped with ptrace), as W_STOPCODE(code). */
static bool tracee_event(struct proc *c, const struct wait_opts *wo, struct wait_event *ev)
{
    bool consume = !(wo->options & WNOWAIT);
    if (c->state == ZOMBIE && c->ptrace.exit_report && (wo->options & WEXITED)) {
        ev->pid = c->pid;
        exit_event(c, ev);
        if (consume)
            ptrace_exit_reaped(c);  /* now its parent may wait for it */
        return true;
    }
    if (c->state != TRACED || !c->ptrace.report)
        return false;
    int code = c->ptrace.exit_code;
    *ev = (struct wait_event){ c->pid, c->cred.uid.real, W_STOPCODE(code), CLD_TRAPPED, code,
                               { 0 } };
    fill_rusage_of_child(c, &ev->ru);
    if (consume)
        c->ptrace.report = false;
    return true;
}

/* Does child c have an event wo wants? Fill ev; consume it unless WNOWAIT. The
   status words are Linux's: W_STOPCODE(sig) for stopped, W_CONTINUED for continued. */
static bool child_event(struct proc *c, const struct wait_opts *wo, struct wait_event *ev)
{
    bool consume = !(wo->options & WNOWAIT);
    if (c->ptrace.tracer == current() && tracee_event(c, wo, ev))
        return true;
    if (c->parent != current())
        return false;   /* a tracee of ours, not our child: nothing else to see */
    if (c->state == ZOMBIE && c->ptrace.exit_report)
        return false;   /* its tracer must see its death first */
    if (c->state == ZOMBIE) {
        if (!(wo->options & WEXITED))
            return false;
        ev->pid = c->pid;
        ev->uid = c->cred.uid.real;
        exit_event(c, ev);
        fill_rusage_of_child(c, &ev->ru);
        if (consume) {
            cputime_reap(current(), c);
            proc_free(c);
        }
        return true;
    }
    if (c->sig.report == REPORT_STOPPED && c->state == STOPPED && (wo->options & WSTOPPED)) {
        *ev = (struct wait_event){ c->pid, c->cred.uid.real, W_STOPCODE(c->sig.stop_signal),
                                   CLD_STOPPED, c->sig.stop_signal, { 0 } };
    } else if (c->sig.report == REPORT_CONTINUED && (wo->options & WCONTINUED)) {
        *ev = (struct wait_event){ c->pid, c->cred.uid.real, W_CONTINUED, CLD_CONTINUED, SIGCONT,
                                   { 0 } };
    } else {
        return false;
    }
    fill_rusage_of_child(c, &ev->ru);
    if (consume)
        c->sig.report = REPORT_NONE;
    return true;
}

/* Look at each of our children that wo is about, then at the processes we trace
   that are not our children (Linux do_wait_thread, then ptrace_do_wait): true if
   one has an event for us (in *ev); *have says whether any was there. Walking our
   own children costs what they are, however many zombies others keep; the tracees
   are looked for in the table only when we trace some. */
static bool wait_scan(struct proc *me, const struct wait_opts *wo, struct wait_event *ev,
                      bool *have)
{
    for (struct list_head *n = me->children.next; n != &me->children; n = n->next) {
        struct proc *c = list_entry(n, struct proc, sibling);
        if (!wait_matches(me, c, wo))
            continue;
        *have = true;
        if (child_event(c, wo, ev))
            return true;
    }
    for (struct proc *c = proc_table; c < proc_table + NPROC && me->ptrace.ntracees; c++) {
        if (c->state == UNUSED || c->ptrace.tracer != me || c->parent == me ||
            !wait_matches(me, c, wo))
            continue;
        *have = true;
        if (child_event(c, wo, ev))
            return true;
    }
    return false;
}

/* The pid of the child reported in *ev, 0 (WNOHANG, nothing yet), -ECHILD, or
   -ERESTARTSYS (a signal came first). */
static long do_wait(const struct wait_opts *wo, struct wait_event *ev)
{
    struct proc *me = current();
    for (;;) {
        bool have_children = false;
        if (wait_scan(me, wo, ev, &have_children))
            return ev->pid;
        if (!have_children)
            return -ECHILD;
        if (wo->options & WNOHANG)
            return 0;
        if (signal_pending(me))
            return -ERESTARTSYS;
        /* A child's exit, stop or continue wakes us; so does a signal. */
        sleep_on(me, 0);
    }
}

long sys_wait4(pid_t pid, uint64_t ustatus, int options, uint64_t urusage)
{
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL | WCLONE))
        return -EINVAL;
    if (pid == INT32_MIN)   /* -pid would overflow; Linux says ESRCH */
        return -ESRCH;
    struct wait_opts wo = { P_ALL, 0, options | WEXITED };
    if (pid > 0)
        wo = (struct wait_opts){ P_PID, pid, options | WEXITED };
    else if (pid == 0 || pid < -1)
        wo = (struct wait_opts){ P_PGID, pid == 0 ? current()->pgid : -pid, options | WEXITED };
    struct wait_event ev;
    long ret = do_wait(&wo, &ev);
    if (ret > 0 && ustatus && copy_to_user(ustatus, &ev.status, sizeof(ev.status)) < 0)
        return -EFAULT;
    if (ret > 0 && urusage && copy_to_user(urusage, &ev.ru, sizeof(ev.ru)) < 0)
        return -EFAULT;
    return ret;
}

/* The part of a siginfo waitid writes (Linux writes exactly these fields). */
static long put_waitid_info(uint64_t uinfo, int signo, const struct wait_event *ev)
{
    struct {
        int32_t si_signo, si_errno, si_code, pad;
        int32_t si_pid, si_uid, si_status;
    } head = { signo, 0, ev->code, 0, ev->pid, (int32_t)ev->uid, ev->si_status };
    if (copy_to_user(uinfo, &head.si_signo, 3 * sizeof(int32_t)) < 0 ||
        copy_to_user(uinfo + 16, &head.si_pid, 3 * sizeof(int32_t)) < 0)
        return -EFAULT;
    return 0;
}

/* Which children waitid means, as wait_opts; -EINVAL or -EBADF for bad arguments. A
   pidfd stands for its pid; opened PIDFD_NONBLOCK, it makes the wait WNOHANG. */
static long waitid_opts(int idtype, pid_t id, int options, struct wait_opts *wo,
                        bool *nonblock)
{
    if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | WNOTHREAD |
                    WALL | WCLONE))
        return -EINVAL;
    if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
        return -EINVAL;
    if (idtype == P_PIDFD) {
        if (id < 0)
            return -EINVAL;
        long pid = pidfd_get_pid(id, nonblock);
        if (pid < 0)
            return pid;
        idtype = P_PID;
        id = pid;
    }
    if (idtype != P_ALL && idtype != P_PID && idtype != P_PGID)
        return -EINVAL;
    if ((idtype == P_PID && id <= 0) || (idtype == P_PGID && id < 0))
        return -EINVAL;
    *wo = (struct wait_opts){ idtype, idtype == P_ALL ? 0 : id,
                              options | (*nonblock ? WNOHANG : 0) };
    return 0;
}

/* The reported child's pid, 0 (WNOHANG, nothing yet) or an error (Linux kernel_waitid):
   a PIDFD_NONBLOCK pidfd's "nothing yet" is EAGAIN unless the caller said WNOHANG. */
static long kernel_waitid(int idtype, pid_t id, int options, struct wait_event *ev)
{
    struct wait_opts wo;
    bool nonblock = false;
    long ret = waitid_opts(idtype, id, options, &wo, &nonblock);
    if (ret == 0)
        ret = do_wait(&wo, ev);
    if (ret == 0 && nonblock && !(options & WNOHANG))
        ret = -EAGAIN;
    return ret;
}

/* Linux writes the siginfo whatever happened, zeros when no child was reported (also
   for EINVAL or ECHILD), so a bad infop turns any outcome into EFAULT. */
long sys_waitid(int idtype, pid_t id, uint64_t uinfo, int options, uint64_t urusage)
{
    struct wait_event ev = { 0 };
    long ret = kernel_waitid(idtype, id, options, &ev);
    if (ret > 0 && urusage && copy_to_user(urusage, &ev.ru, sizeof(ev.ru)) < 0)
        return -EFAULT;
    if (uinfo && put_waitid_info(uinfo, ret > 0 ? SIGCHLD : 0, &ev) < 0)
        return -EFAULT;
    return ret > 0 ? 0 : ret;
}
