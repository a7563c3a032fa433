/*
 * pidfds (Linux kernel/pid.c and kernel/signal.c; pidfd_open(2)): a file descriptor
 * that refers to one process. Unlike a pid number it cannot come to mean another
 * process, so a parent can signal, poll and wait for its child without racing the
 * child's death and the pid's reuse.
 *
 *   pidfd_open(pid, flags)              a pidfd (always close-on-exec)
 *   poll                                POLLIN once the process has exited
 *   pidfd_send_signal(fd, sig, info, 0) kill() or rt_sigqueueinfo() through it
 *   waitid(P_PIDFD, fd, ...)            wait for it (kern/wait.c)
 *
 * siglab never reuses a pid (next_pid only grows), so the file only needs to keep
 * the number: once proc_find() no longer finds it, the process has been reaped.
 */
#include "kern/pidfd.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/syscall.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/signal/signal.h"

#define PIDFD_NONBLOCK  O_NONBLOCK
#define POLLRDNORM      0x040

static const struct file_ops pidfd_ops;

static pid_t pidfd_pid(const struct file *f)
{
    return (pid_t)(uintptr_t)f->priv;
}

/* A zombie is readable; a reaped process is readable and hung up (Linux pidfd_poll). */
static int pidfd_poll(struct file *f)
{
    struct proc *p = proc_find(pidfd_pid(f));
    if (!p)
        return POLLIN | POLLRDNORM | POLLHUP;
    return p->state == ZOMBIE ? POLLIN | POLLRDNORM : 0;
}

static const struct file_ops pidfd_ops = {
    .poll = pidfd_poll,
};

void pidfd_notify_exit(struct proc *p)
{
    (void)p;
    poll_notify();
}

long pidfd_get_pid(int fd, bool *nonblock)
{
    struct file *f = fd_get(fd);
    if (!f || f->ops != &pidfd_ops)
        return -EBADF;
    *nonblock = f->flags & O_NONBLOCK;
    return pidfd_pid(f);
}

/* pidfd_open(2). A zombie can still be opened (it has not been waited for). */
long sys_pidfd_open(pid_t pid, unsigned flags)
{
    if (flags & ~PIDFD_NONBLOCK)
        return -EINVAL;
    if (pid <= 0)
        return -EINVAL;
    if (!proc_find(pid))
        return -ESRCH;
    struct file *f = file_alloc(&pidfd_ops, O_RDWR | (flags & O_NONBLOCK), 0600,
                                (void *)(uintptr_t)pid);
    if (!f)
        return -ENFILE;
    int fd = fd_install(f, true);
    if (fd < 0)
        file_close(f);
    return fd;
}

/* The caller's siginfo, with rt_sigqueueinfo's rule: only to itself may a process
   claim to be the kernel or kill()/tgkill() (si_code >= 0 or SI_TKILL). */
static long siginfo_from_user(struct ksiginfo *info, uint64_t uinfo, int sig, pid_t target)
{
    if (copy_from_user(info, uinfo, sizeof(*info)) < 0)
        return -EFAULT;
    if (info->si_signo != sig)
        return -EINVAL;
    if (target != current()->pid && (info->si_code >= 0 || info->si_code == SI_TKILL))
        return -EPERM;
    return 0;
}

/* pidfd_send_signal(2). Linux 6.9 added flags to aim at the thread, the thread group
   or the process group; here, as before 6.9, flags must be 0. */
long sys_pidfd_send_signal(int pidfd, int sig, uint64_t uinfo, unsigned flags)
{
    if (flags)
        return -EINVAL;
    bool nonblock;
    long pid = pidfd_get_pid(pidfd, &nonblock);
    if (pid < 0)
        return pid;
    struct ksiginfo info;
    if (uinfo) {
        long err = siginfo_from_user(&info, uinfo, sig, pid);
        if (err)
            return err;
    }
    struct proc *p = proc_find(pid);
    if (!p)
        return -ESRCH;
    if (!valid_signal(sig) && sig != 0)
        return -EINVAL;
    if (!uinfo)
        prepare_kill_siginfo(&info, SI_USER, current());
    /* kill's permission check (EPERM), then the signal; sent to a zombie, a signal is
       accepted and thrown away (prepare_signal). */
    return group_send_sig_info(sig, &info, p, PIDTYPE_TGID);
}
