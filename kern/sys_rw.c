/*
 * Moving data through descriptors: read, write, readv, writev, pread64, pwrite64,
 * and the file offset: lseek, ftruncate; getdents64 for directories. A stream (pipe,
 * console) has no offset: ESPIPE. A file with contents is read and written at the
 * descriptor's offset, or at the end with O_APPEND, and never grows past RLIMIT_FSIZE.
 */
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/syscall.h"

#define MAX_RW_COUNT    0x7ffff000UL    /* Linux caps one transfer at 2 GiB - 4 KiB */
#define RLIMIT_FSIZE    1
#define RLIM_INFINITY   (~0UL)

static ssize_t read_at(struct file *f, uint64_t ubuf, size_t n, uint64_t off)
{
    return f->ops->pread(f, ubuf, MIN(n, MAX_RW_COUNT), off);
}

/* Linux generic_write_check_limits: starting at or past the limit is SIGXFSZ and
   EFBIG; a write that would cross it is cut short at it, without a signal. */
static ssize_t write_at(struct file *f, uint64_t ubuf, size_t n, uint64_t off)
{
    uint64_t limit = current()->rlimit[RLIMIT_FSIZE].cur;
    n = MIN(n, MAX_RW_COUNT);
    if (limit != RLIM_INFINITY && S_ISREG(f->mode)) {
        if (off >= limit) {
            send_signal_from(SIGXFSZ, current(), current());
            return -EFBIG;
        }
        n = MIN(n, limit - off);
    }
    return f->ops->pwrite(f, ubuf, n, off);
}

long sys_read(int fd, uint64_t ubuf, size_t n)
{
    struct file *f = fd_get(fd);
    if (!f || !file_readable(f))
        return -EBADF;
    if (f->ops->getdents)
        return -EISDIR;
    if (!f->ops->read && !f->ops->pread)
        return -EINVAL;
    if (n < f->ops->min_read)
        return -EINVAL;
    if (n == 0)
        return 0;
    if (f->ops->read)
        return f->ops->read(f, ubuf, MIN(n, MAX_RW_COUNT));
    ssize_t r = read_at(f, ubuf, n, f->off);
    if (r > 0)
        f->off += r;
    return r;
}

long sys_write(int fd, uint64_t ubuf, size_t n)
{
    struct file *f = fd_get(fd);
    if (!f || !file_writable(f))
        return -EBADF;
    if (!f->ops->write && !f->ops->pwrite)
        return -EINVAL;
    if (f->ops->write)
        return n ? f->ops->write(f, ubuf, MIN(n, MAX_RW_COUNT)) : 0;
    uint64_t off = (f->flags & O_APPEND) && f->ops->size ? f->ops->size(f) : f->off;
    if (n == 0)
        return 0;
    ssize_t r = write_at(f, ubuf, n, off);
    if (r > 0)
        f->off = off + r;
    return r;
}

/* pread64/pwrite64 work on anything with contents, leaving the offset alone; pwrite
   on an O_APPEND descriptor still appends, as on Linux. */
long sys_pread64(int fd, uint64_t ubuf, size_t n, int64_t off)
{
    if (off < 0)
        return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->pread)
        return f->ops->getdents ? -EISDIR : -ESPIPE;
    if (!file_readable(f))
        return -EBADF;
    return n ? read_at(f, ubuf, n, off) : 0;
}

long sys_pwrite64(int fd, uint64_t ubuf, size_t n, int64_t off)
{
    if (off < 0)
        return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->pwrite && !f->ops->getdents)
        return -ESPIPE;
    if (!file_writable(f))
        return -EBADF;
    if ((f->flags & O_APPEND) && f->ops->size)
        off = f->ops->size(f);
    return n ? write_at(f, ubuf, n, off) : 0;
}

struct iovec_user {
    uint64_t base;
    uint64_t len;
};

#define IOV_MAX 1024

/*
 * readv/writev: one read/write per buffer; stop at the first short transfer. Every
 * iovec and every buffer is checked before any byte moves: with a bad one the call
 * fails with EFAULT and nothing is read or written (what Linux's pipes and terminals
 * do; Linux checks the iovecs first too, in import_iovec).
 */
static long do_iov(int fd, uint64_t uiov, int iovcnt, bool write)
{
    if (iovcnt < 0 || iovcnt > IOV_MAX)
        return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f || !(write ? file_writable(f) : file_readable(f)))
        return -EBADF;
    for (int i = 0; i < iovcnt; i++) {
        struct iovec_user iov;
        if (copy_from_user(&iov, uiov + i * sizeof(iov), sizeof(iov)) < 0)
            return -EFAULT;
        if ((int64_t)iov.len < 0)
            return -EINVAL;
        if (iov.len && access_user(iov.base, iov.len, !write) < 0)
            return -EFAULT;
    }
    long total = 0;
    for (int i = 0; i < iovcnt; i++) {
        struct iovec_user iov;
        if (copy_from_user(&iov, uiov + i * sizeof(iov), sizeof(iov)) < 0)
            return total ? total : -EFAULT;
        if (iov.len == 0)
            continue;
        long r = write ? sys_write(fd, iov.base, iov.len) : sys_read(fd, iov.base, iov.len);
        if (r < 0)
            return total ? total : r;
        total += r;
        if ((uint64_t)r < iov.len)
            break;
    }
    return total;
}

long sys_writev(int fd, uint64_t uiov, int iovcnt) { return do_iov(fd, uiov, iovcnt, true); }
long sys_readv(int fd, uint64_t uiov, int iovcnt) { return do_iov(fd, uiov, iovcnt, false); }

#define SEEK_SET  0
#define SEEK_CUR  1
#define SEEK_END  2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* Where whence and off put the offset of f, a file with contents; -1 if nowhere.
   A file is all data then one hole at its end, as far as SEEK_DATA/SEEK_HOLE say. */
static int64_t seek_target(struct file *f, int64_t off, int whence)
{
    int64_t size = f->ops->size ? (int64_t)f->ops->size(f) : -1;
    switch (whence) {
    case SEEK_SET: return off;
    case SEEK_CUR: return (int64_t)f->off + off;
    case SEEK_END: return size < 0 ? -1 : size + off;
    case SEEK_DATA: return off < size ? off : -ENXIO;
    case SEEK_HOLE: return off < size ? size : -ENXIO;
    }
    return -1;
}

long sys_lseek(int fd, int64_t off, int whence)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (whence < SEEK_SET || whence > SEEK_HOLE)
        return -EINVAL;
    if (!f->ops->pread && !f->ops->getdents)
        return -ESPIPE;
    if (!f->ops->size && !f->ops->getdents) {
        f->off = 0;     /* a device with an offset but no size: Linux's null_lseek */
        return 0;
    }
    int64_t to = seek_target(f, off, whence);
    if (to == -ENXIO)
        return -ENXIO;
    if (to < 0)
        return -EINVAL;
    f->off = to;
    return to;
}

long sys_ftruncate(int fd, int64_t len)
{
    if (len < 0)
        return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->truncate || !file_writable(f))
        return -EINVAL;
    uint64_t limit = current()->rlimit[RLIMIT_FSIZE].cur;
    if ((uint64_t)len > limit) {
        send_signal_from(SIGXFSZ, current(), current());
        return -EFBIG;
    }
    return f->ops->truncate(f, len);
}

/* Everything is in memory already: there is nothing to flush. */
long sys_fsync(int fd)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    return f->ops->pread || f->ops->getdents ? 0 : -EINVAL;
}

long sys_getdents64(int fd, uint64_t ubuf, size_t n)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->getdents)
        return -ENOTDIR;
    return f->ops->getdents(f, ubuf, MIN(n, 0x7fffffffUL));
}
