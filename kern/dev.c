/*
 * Device files. The initrd's table lists them (as character devices under /dev), so
 * they show in stat and getdents; opening one lands here.
 */
#include "kern/dev.h"
#include "kern/file.h"
#include "kern/tty.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/printk.h"
#include "kern/errno.h"

const char *const device_paths[] = { "/dev/console", "/dev/tty", "/dev/null", "/dev/zero",
                                     "/dev/kmsg", 0 };

/* /dev/null and /dev/zero have an offset, as on Linux (pread works, lseek answers
   0), but no size. */
static ssize_t null_pread(struct file *f, uint64_t ubuf, size_t n, uint64_t off)
{
    (void)f, (void)ubuf, (void)n, (void)off;
    return 0;
}

static ssize_t null_pwrite(struct file *f, uint64_t ubuf, size_t n, uint64_t off)
{
    (void)f, (void)ubuf, (void)off;
    return n;
}

static ssize_t null_read(struct file *f, uint64_t ubuf, size_t n)
{
    return null_pread(f, ubuf, n, 0);
}

static ssize_t zero_pread(struct file *f, uint64_t ubuf, size_t n, uint64_t off)
{
    (void)f, (void)off;
    return clear_user(ubuf, n) < 0 ? -EFAULT : (ssize_t)n;
}

/* /dev/kmsg: each write becomes one line of the kernel log, as on Linux. */
static ssize_t kmsg_write(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    char line[512];
    size_t len = MIN(n, sizeof(line) - 1);
    if (copy_from_user(line, ubuf, len) < 0)
        return -EFAULT;
    while (len && line[len - 1] == '\n')
        len--;
    line[len] = 0;
    printk("%s\n", line);
    return n;
}

static int always_ready(struct file *f)
{
    return (file_readable(f) ? POLLIN : 0) | (file_writable(f) ? POLLOUT : 0);
}

static const struct file_ops null_ops = { .pread = null_pread, .pwrite = null_pwrite, .poll = always_ready };
static const struct file_ops zero_ops = { .pread = zero_pread, .pwrite = null_pwrite, .poll = always_ready };
static const struct file_ops kmsg_ops = { .read = null_read, .write = kmsg_write, .poll = always_ready };

struct file *dev_open(const char *path, int flags)
{
    if (strcmp(path, "/dev/console") == 0 || strcmp(path, "/dev/tty") == 0)
        return tty_open(flags);
    if (strcmp(path, "/dev/null") == 0)
        return file_alloc(&null_ops, flags, S_IFCHR, 0);
    if (strcmp(path, "/dev/zero") == 0)
        return file_alloc(&zero_ops, flags, S_IFCHR, 0);
    if (strcmp(path, "/dev/kmsg") == 0)
        return file_alloc(&kmsg_ops, flags, S_IFCHR, 0);
    return 0;
}
