/*
 * Signal-driven I/O (Linux fs/fcntl.c: f_setown, send_sigio, send_sigio_to_task).
 *
 * A program that does not want to poll asks a file to signal it instead: F_SETOWN
 * names the process (or, negative, the process group) to tell, F_SETFL adds O_ASYNC,
 * and from then on each time data arrives (POLL_IN) or room frees up (POLL_OUT) the
 * owner gets SIGIO. With F_SETSIG it gets another signal instead, queued with a
 * siginfo that says which descriptor and why: si_code POLL_IN or POLL_OUT, si_band
 * the poll bits, si_fd the descriptor; a real-time signal then queues one instance
 * per event. Pipes (kern/pipe.c) and the console (kern/tty.c, input only) send
 * these; regular files never do, as on Linux.
 *
 * The owner is checked against the ids of whoever called F_SETOWN, not the ids of
 * the process doing the I/O: so no one can aim SIGIO at a process they could not
 * kill() themselves (the check is kill_ok_by_cred's, with those saved ids).
 */
#include "kern/sigio.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/uaccess.h"
#include "kern/signal/signal.h"
#include "kern/signal/trace.h"

#define F_SETOWN    8
#define F_GETOWN    9
#define F_SETSIG    10
#define F_GETSIG    11
#define F_SETOWN_EX 15
#define F_GETOWN_EX 16

#define F_OWNER_TID  0
#define F_OWNER_PID  1
#define F_OWNER_PGRP 2

/* The poll bits si_band reports for each reason (Linux band_table). */
#define POLLRDNORM  0x040
#define POLLWRNORM  0x100
#define POLLWRBAND  0x200

struct f_owner_ex {
    int32_t type;
    int32_t pid;
};

bool fcntl_is_sigio(int cmd)
{
    return cmd == F_SETOWN || cmd == F_GETOWN || cmd == F_SETSIG || cmd == F_GETSIG ||
           cmd == F_SETOWN_EX || cmd == F_GETOWN_EX;
}

/* Does any process have this number as its pid, process group or session? (Linux
   find_vpid: the number is in use.) */
static bool pid_in_use(pid_t nr)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state != UNUSED && (p->pid == nr || p->pgid == nr || p->sid == nr))
            return true;
    return false;
}

/* Linux f_setown/f_modown: remember the owner and who set it. */
static long set_owner(struct file *f, int type, pid_t pid)
{
    if (pid && !pid_in_use(pid))
        return -ESRCH;
    const struct cred *c = &current()->cred;
    f->owner.type = type;
    f->owner.pid = pid;
    f->owner.uid = c->uid.real;
    f->owner.euid = c->uid.eff;
    return 0;
}

static long setown_ex(struct file *f, uint64_t uarg)
{
    struct f_owner_ex ex;
    if (copy_from_user(&ex, uarg, sizeof(ex)) < 0)
        return -EFAULT;
    if (ex.type != F_OWNER_TID && ex.type != F_OWNER_PID && ex.type != F_OWNER_PGRP)
        return -EINVAL;
    if (ex.pid < 0)
        return -EINVAL;
    return set_owner(f, ex.type, ex.pid);
}

/* The owner as F_GETOWN reports it: 0 once no process is left with that pid (or
   in that group), as Linux's pid_task check does; a zombie still counts. */
static pid_t owner_now(const struct fown_struct *o)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        if (p->state == UNUSED)
            continue;
        if (o->type == F_OWNER_PGRP ? p->pgid == o->pid : p->pid == o->pid)
            return o->pid;
    }
    return 0;
}

static long getown_ex(struct file *f, uint64_t uarg)
{
    struct f_owner_ex ex = { f->owner.type, f->owner.pid ? owner_now(&f->owner) : 0 };
    return copy_to_user(uarg, &ex, sizeof(ex)) < 0 ? -EFAULT : 0;
}

long fcntl_sigio(struct file *f, int cmd, uint64_t arg)
{
    int who = (int)arg;
    switch (cmd) {
    case F_SETOWN:
        if (who == INT32_MIN)
            return -EINVAL;     /* -who would overflow */
        return who < 0 ? set_owner(f, F_OWNER_PGRP, -who) : set_owner(f, F_OWNER_PID, who);
    case F_GETOWN: {
        pid_t pid = f->owner.pid ? owner_now(&f->owner) : 0;
        return f->owner.type == F_OWNER_PGRP ? -pid : pid;
    }
    case F_SETOWN_EX:
        return setown_ex(f, arg);
    case F_GETOWN_EX:
        return getown_ex(f, arg);
    case F_SETSIG:
        if (arg > NSIG)
            return -EINVAL;
        f->owner.signum = (int)arg;
        return 0;
    case F_GETSIG:
        return f->owner.signum;
    }
    return -EINVAL;
}

void fasync_on(struct file *f, int fd)
{
    f->async_fd = fd;
}

void f_setown_default(struct file *f, pid_t pgrp)
{
    if (!f->owner.pid)
        set_owner(f, F_OWNER_PGRP, pgrp);
}

/* Linux sigio_perm: the ids saved at F_SETOWN against the target's, as kill(). */
static bool sigio_perm(const struct fown_struct *o, const struct proc *p)
{
    const struct id_set *t = &p->cred.uid;
    return o->euid == 0 || o->euid == t->saved || o->euid == t->real ||
           o->uid == t->saved || o->uid == t->real;
}

static int64_t band_of(int reason)
{
    return reason == POLL_IN ? POLLIN | POLLRDNORM : POLLOUT | POLLWRNORM | POLLWRBAND;
}

/* Linux send_sigio_to_task: the F_SETSIG signal with its siginfo, or plain SIGIO
   if none was chosen or the real-time queue is full. F_OWNER_TID aims it at the
   thread (its private queue), the other owner types at the process. */
static void send_sigio_to_task(struct proc *p, const struct file *f, int reason)
{
    const struct fown_struct *o = &f->owner;
    enum pid_type type = o->type == F_OWNER_TID ? PIDTYPE_PID : PIDTYPE_TGID;
    struct ksiginfo info;
    if (p->state == ZOMBIE || !sigio_perm(o, p))
        return;
    sigtrace("sigio     fd %d %s to pid %d: %s", f->async_fd,
             reason == POLL_IN ? "POLL_IN" : "POLL_OUT", p->pid,
             o->signum ? signame(o->signum) : "SIGIO");
    if (o->signum) {
        memset(&info, 0, sizeof(info));
        info.si_signo = o->signum;
        info.si_code = reason;
        info.poll.band = band_of(reason);
        info.poll.fd = f->async_fd;
        if (send_signal(o->signum, &info, p, type) == 0)
            return;
    }
    prepare_kill_siginfo(&info, SI_KERNEL, 0);
    send_signal(SIGIO, &info, p, type);
}

void kill_fasync(struct file *f, int reason)
{
    if (!f || !(f->flags & O_ASYNC) || !f->owner.pid)
        return;
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        if (p->state == UNUSED)
            continue;
        if (f->owner.type == F_OWNER_PGRP ? p->pgid == f->owner.pid : p->pid == f->owner.pid)
            send_sigio_to_task(p, f, reason);
    }
}
