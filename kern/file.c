/*
 * The file table and file descriptors, plus the system calls on descriptors as such:
 * close, dup, dup2, dup3, fcntl, ioctl. (Reading and writing: kern/sys_rw.c.)
 */
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/panic.h"
#include "kern/sigio.h"
#include "kern/syscall.h"

#define NFILE 256
#define RLIMIT_NOFILE 7

static struct file file_table[NFILE];
char poll_wait_chan;

struct file *file_alloc(const struct file_ops *ops, int flags, uint32_t mode, void *priv)
{
    for (struct file *f = file_table; f < file_table + NFILE; f++) {
        if (f->ref)
            continue;
        *f = (struct file){ .ops = ops, .ref = 1, .flags = flags, .mode = mode, .priv = priv };
        return f;
    }
    return 0;
}

void kill_fasync_ops(const struct file_ops *ops, int reason)
{
    for (struct file *f = file_table; f < file_table + NFILE; f++)
        if (f->ref && f->ops == ops)
            kill_fasync(f, reason);
}

struct file *file_dup(struct file *f)
{
    f->ref++;
    return f;
}

void file_close(struct file *f)
{
    if (f->ref < 1)
        panic("file_close: file with ref %d", f->ref);
    if (--f->ref == 0 && f->ops->release)
        f->ops->release(f);
}

bool file_readable(const struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY; }
bool file_writable(const struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY; }

void poll_notify(void)
{
    wakeup(&poll_wait_chan);
}

struct file *fd_get(int fd)
{
    if (fd < 0 || fd >= NOFILE)
        return 0;
    return current()->ofile[fd];
}

static void fd_set_cloexec(struct proc *p, int fd, bool on)
{
    if (on)
        p->cloexec |= 1UL << fd;
    else
        p->cloexec &= ~(1UL << fd);
}

static int fd_install_from(struct file *f, int lowest, bool cloexec)
{
    struct proc *p = current();
    for (int fd = lowest; fd < NOFILE; fd++) {
        if (p->ofile[fd])
            continue;
        p->ofile[fd] = f;
        fd_set_cloexec(p, fd, cloexec);
        return fd;
    }
    return -EMFILE;
}

int fd_install(struct file *f, bool cloexec)
{
    return fd_install_from(f, 0, cloexec);
}

long sys_close(int fd)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    current()->ofile[fd] = 0;
    fd_set_cloexec(current(), fd, false);
    file_close(f);
    return 0;
}

long sys_dup(int fd)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    int nfd = fd_install(f, false);
    if (nfd >= 0)
        file_dup(f);
    return nfd;
}

static long do_dup3(int oldfd, int newfd, int flags)
{
    struct file *f = fd_get(oldfd);
    if (!f)
        return -EBADF;
    if (newfd < 0 || newfd >= NOFILE)
        return -EBADF;
    struct proc *p = current();
    file_dup(f);
    if (p->ofile[newfd])
        file_close(p->ofile[newfd]);
    p->ofile[newfd] = f;
    fd_set_cloexec(p, newfd, flags & O_CLOEXEC);
    return newfd;
}

long sys_dup2(int oldfd, int newfd)
{
    if (oldfd == newfd)
        return fd_get(oldfd) ? newfd : -EBADF;
    return do_dup3(oldfd, newfd, 0);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
    if (oldfd == newfd || (flags & ~O_CLOEXEC))
        return -EINVAL;
    return do_dup3(oldfd, newfd, flags);
}

#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC      1
#define SETFL_MASK      (O_APPEND | O_NONBLOCK | O_ASYNC)   /* what F_SETFL may change */

long sys_fcntl(int fd, int cmd, uint64_t arg)
{
    struct file *f = fd_get(fd);
    struct proc *p = current();
    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
        if (arg >= current()->rlimit[RLIMIT_NOFILE].cur || arg >= NOFILE)
            return -EINVAL;
        int nfd = fd_install_from(f, (int)arg, cmd == F_DUPFD_CLOEXEC);
        if (nfd >= 0)
            file_dup(f);
        return nfd;
    }
    case F_GETFD:
        return (p->cloexec >> fd) & 1 ? FD_CLOEXEC : 0;
    case F_SETFD:
        fd_set_cloexec(p, fd, arg & FD_CLOEXEC);
        return 0;
    case F_GETFL:
        return f->flags;
    case F_SETFL:
        /* O_ASYNC only where the file can send SIGIO (Linux: ->fasync sets it). */
        if (f->ops->fasync && (arg & O_ASYNC) && !(f->flags & O_ASYNC)) {
            fasync_on(f, fd);
            f->ops->fasync(f);
        }
        if (!f->ops->fasync)
            arg &= ~O_ASYNC;
        f->flags = (f->flags & ~SETFL_MASK) | (arg & SETFL_MASK);
        return 0;
    default:
        return fcntl_is_sigio(cmd) ? fcntl_sigio(f, cmd, arg) : -EINVAL;
    }
}

long sys_ioctl(int fd, unsigned cmd, uint64_t arg)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->ioctl)
        return -ENOTTY;
    return f->ops->ioctl(f, cmd, arg);
}

/* Close the descriptors marked close-on-exec (execve). */
void fd_close_on_exec(struct proc *p)
{
    for (int fd = 0; fd < NOFILE; fd++) {
        if (p->ofile[fd] && ((p->cloexec >> fd) & 1)) {
            file_close(p->ofile[fd]);
            p->ofile[fd] = 0;
        }
    }
    p->cloexec = 0;
}
