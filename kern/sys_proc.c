/*
 * Process identity system calls: pids, process groups and sessions (the job-control
 * structure the shell builds on). User and group ids are in kern/cred.c.
 */
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/syscall.h"

long sys_getpid(void) { return current()->pid; }
long sys_gettid(void) { return current()->pid; }   /* one thread per process */
long sys_getppid(void) { return current()->parent ? current()->parent->pid : 0; }
long sys_sched_yield(void) { yield(); return 0; }

long sys_set_tid_address(uint64_t uaddr)
{
    current()->clear_child_tid = uaddr;
    return current()->pid;
}

/* One thread per process: the thread group is the process. */
long sys_exit_group(int code)
{
    return sys_exit(code);
}

static bool pgrp_exists_in_session(pid_t pgid, pid_t sid)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state != UNUSED && p->state != ZOMBIE && p->pgid == pgid && p->sid == sid)
            return true;
    return false;
}

/* setpgid(pid, pgid) with Linux's rules (kernel/sys.c). */
long sys_setpgid(pid_t pid, pid_t pgid)
{
    struct proc *me = current();
    if (pid == 0)
        pid = me->pid;
    if (pgid == 0)
        pgid = pid;
    if (pgid < 0)
        return -EINVAL;
    struct proc *p = proc_find(pid);
    if (!p || (p != me && p->parent != me) || p->state == ZOMBIE)
        return -ESRCH;
    if (p != me && p->did_exec)
        return -EACCES;
    if (p->sid != me->sid || p->pid == p->sid)
        return -EPERM;          /* other session, or a session leader */
    if (pgid != p->pid && !pgrp_exists_in_session(pgid, me->sid))
        return -EPERM;
    p->pgid = pgid;
    return 0;
}

long sys_getpgid(pid_t pid)
{
    struct proc *p = pid ? proc_find(pid) : current();
    return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void) { return current()->pgid; }

long sys_getsid(pid_t pid)
{
    struct proc *p = pid ? proc_find(pid) : current();
    return p ? p->sid : -ESRCH;
}

long sys_setsid(void)
{
    struct proc *me = current();
    /* A process group leader cannot start a session: its group would be split. */
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state != UNUSED && p->pgid == me->pid)
            return -EPERM;
    me->sid = me->pgid = me->pid;
    return me->sid;
}
