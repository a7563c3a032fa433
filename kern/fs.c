/*
 * The file name space: the initrd's files (read-only), the directories they imply,
 * and a few devices (/dev/console, /dev/tty, /dev/null, /dev/kmsg). System calls:
 * open, openat, lseek, chdir, getcwd, stat, lstat, fstat, newfstatat.
 */
#include "kern/fs.h"
#include "kern/cpio.h"
#include "kern/path.h"
#include "kern/file.h"
#include "kern/tty.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/printk.h"

#define MAX_INODES 512

static struct inode inodes[MAX_INODES];
static int ninodes;

/* Add (or, for a later archive, replace) one archive member. */
static void add_entry(const struct cpio_entry *e, void *arg)
{
    (void)arg;
    char path[256];
    if (path_resolve("/", e->name, path, sizeof(path)) < 0 || strcmp(path, "/") == 0)
        return;
    struct inode *ip = 0;
    for (int i = 0; i < ninodes; i++)
        if (strcmp(inodes[i].path, path) == 0)
            ip = &inodes[i];
    if (!ip) {
        if (ninodes == MAX_INODES) {
            printk("initrd: too many files, dropping %s\n", path);
            return;
        }
        ip = &inodes[ninodes];
        ip->ino = ++ninodes;
    }
    strlcpy(ip->path, path, sizeof(ip->path));
    ip->mode = e->mode;
    ip->data = e->data;
    ip->size = e->size;
}

void fs_add_archive(const uint8_t *buf, size_t len, const char *what)
{
    int n = cpio_parse(buf, len, add_entry, 0);
    if (n < 0)
        printk("initrd: %s is not a valid newc cpio archive (read what we could)\n", what);
    else
        printk("initrd: %s: %d files\n", what, n);
}

const struct inode *fs_lookup(const char *path)
{
    for (int i = 0; i < ninodes; i++)
        if (strcmp(inodes[i].path, path) == 0)
            return &inodes[i];
    return 0;
}

/* A directory exists if the archive lists it or some file lies below it. */
bool fs_is_dir(const char *path)
{
    if (strcmp(path, "/") == 0)
        return true;
    size_t len = strlen(path);
    for (int i = 0; i < ninodes; i++) {
        if (strcmp(inodes[i].path, path) == 0)
            return (inodes[i].mode & S_IFMT) == S_IFDIR;
        if (strncmp(inodes[i].path, path, len) == 0 && inodes[i].path[len] == '/')
            return true;
    }
    return false;
}

int fs_resolve(const char *path, char *out)
{
    return path_resolve(current()->cwd, path, out, PATH_MAX);
}

/* ---- initrd files ---- */

static ssize_t inode_read(struct file *f, uint64_t ubuf, size_t n)
{
    const struct inode *ip = f->priv;
    if ((ip->mode & S_IFMT) == S_IFDIR)
        return -EISDIR;
    if (f->off >= ip->size)
        return 0;
    size_t len = MIN(n, ip->size - f->off);
    if (copy_to_user(ubuf, ip->data + f->off, len) < 0)
        return -EFAULT;
    f->off += len;
    return len;
}

static int always_ready(struct file *f)
{
    return (file_readable(f) ? POLLIN : 0) | (file_writable(f) ? POLLOUT : 0);
}

static const struct file_ops inode_ops = { .read = inode_read, .poll = always_ready };

/* ---- devices ---- */

static ssize_t null_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf, (void)n;
    return 0;
}

static ssize_t null_write(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf;
    return n;
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

static const struct file_ops null_ops = { .read = null_read, .write = null_write, .poll = always_ready };
static const struct file_ops kmsg_ops = { .read = null_read, .write = kmsg_write, .poll = always_ready };

static struct file *open_device(const char *path, int flags)
{
    int acc = flags & (O_ACCMODE | O_NONBLOCK | O_APPEND);
    if (strcmp(path, "/dev/console") == 0 || strcmp(path, "/dev/tty") == 0)
        return tty_open(acc);
    if (strcmp(path, "/dev/null") == 0)
        return file_alloc(&null_ops, acc, S_IFCHR, 0);
    if (strcmp(path, "/dev/kmsg") == 0)
        return file_alloc(&kmsg_ops, acc, S_IFCHR, 0);
    return 0;
}

static bool is_device(const char *path)
{
    return strcmp(path, "/dev/console") == 0 || strcmp(path, "/dev/tty") == 0 ||
           strcmp(path, "/dev/null") == 0 || strcmp(path, "/dev/kmsg") == 0;
}

#define AT_FDCWD        -100
#define AT_EMPTY_PATH   0x1000
#define AT_SYMLINK_NOFOLLOW 0x100

/* Resolve a path given to an *at() call; only AT_FDCWD is a directory we know. */
static int resolve_at(int dirfd, uint64_t upath, char *out)
{
    char path[PATH_MAX];
    long n = strncpy_from_user(path, upath, sizeof(path));
    if (n < 0)
        return (int)n;
    if (path[0] != '/' && dirfd != AT_FDCWD)
        return fd_get(dirfd) ? -ENOTDIR : -EBADF;
    return fs_resolve(path, out);
}

/* Does anything (file, directory, device) live at this canonical path? */
bool fs_path_exists(const char *path)
{
    return is_device(path) || fs_lookup(path) || fs_is_dir(path);
}

static long open_resolved(const char *path, int flags)
{
    struct file *f;
    if (is_device(path)) {
        f = open_device(path, flags);
    } else {
        const struct inode *ip = fs_lookup(path);
        bool dir = !ip && fs_is_dir(path);
        if (!ip && !dir)
            return (flags & O_CREAT) ? -EROFS : -ENOENT;
        if ((flags & O_CREAT) && (flags & O_EXCL))
            return -EEXIST;
        if (dir || (ip->mode & S_IFMT) == S_IFDIR) {
            if ((flags & O_ACCMODE) != O_RDONLY)
                return -EISDIR;
        } else if ((flags & O_DIRECTORY)) {
            return -ENOTDIR;
        }
        if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
            return -EROFS;
        f = file_alloc(&inode_ops, flags & (O_ACCMODE | O_NONBLOCK), ip ? ip->mode : S_IFDIR | 0755,
                       (void *)ip);
        if (f && !ip)
            f->ops = &null_ops;     /* an implied directory: nothing to read */
    }
    if (!f)
        return -ENFILE;
    int fd = fd_install(f, flags & O_CLOEXEC);
    if (fd < 0)
        file_close(f);
    return fd;
}

long sys_openat(int dirfd, uint64_t upath, int flags, int mode)
{
    (void)mode;
    char path[PATH_MAX];
    int err = resolve_at(dirfd, upath, path);
    if (err < 0)
        return err;
    return open_resolved(path, flags);
}

long sys_open(uint64_t upath, int flags, int mode)
{
    return sys_openat(AT_FDCWD, upath, flags, mode);
}

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

long sys_lseek(int fd, int64_t off, int whence)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (f->ops != &inode_ops)
        return -ESPIPE;
    const struct inode *ip = f->priv;
    int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (int64_t)f->off
                 : whence == SEEK_END ? (int64_t)ip->size : -1;
    if (base < 0 || base + off < 0)
        return -EINVAL;
    f->off = base + off;
    return f->off;
}

long sys_chdir(uint64_t upath)
{
    char path[PATH_MAX];
    long n = strncpy_from_user(path, upath, sizeof(path));
    if (n < 0)
        return n;
    char canon[PATH_MAX];
    int err = fs_resolve(path, canon);
    if (err < 0)
        return err;
    if (!fs_is_dir(canon))
        return fs_lookup(canon) ? -ENOTDIR : -ENOENT;
    strlcpy(current()->cwd, canon, PATH_MAX);
    return 0;
}

long sys_getcwd(uint64_t ubuf, size_t size)
{
    const char *cwd = current()->cwd;
    size_t len = strlen(cwd) + 1;
    if (size < len)
        return -ERANGE;
    if (copy_to_user(ubuf, cwd, len) < 0)
        return -EFAULT;
    return len;
}

/* struct stat as Linux x86-64 lays it out (144 bytes). */
struct kstat {
    uint64_t st_dev, st_ino, st_nlink;
    uint32_t st_mode, st_uid, st_gid, pad0;
    uint64_t st_rdev;
    int64_t st_size, st_blksize, st_blocks;
    uint64_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
    int64_t reserved[3];
};

static int fill_stat(uint64_t ust, uint32_t mode, uint64_t ino, uint64_t size)
{
    struct kstat st = {
        .st_dev = 1, .st_ino = ino, .st_nlink = 1, .st_mode = mode,
        .st_size = size, .st_blksize = 4096, .st_blocks = (size + 511) / 512,
    };
    return copy_to_user(ust, &st, sizeof(st));
}

static long stat_file(struct file *f, uint64_t ust)
{
    const struct inode *ip = f->ops == &inode_ops ? f->priv : 0;
    uint32_t mode = ip ? ip->mode : f->mode | 0600;
    return fill_stat(ust, mode, ip ? ip->ino : 0, ip ? ip->size : 0);
}

static long stat_path(const char *path, uint64_t ust)
{
    if (is_device(path))
        return fill_stat(ust, S_IFCHR | 0600, 0, 0);
    const struct inode *ip = fs_lookup(path);
    if (ip)
        return fill_stat(ust, ip->mode, ip->ino, ip->size);
    if (fs_is_dir(path))
        return fill_stat(ust, S_IFDIR | 0755, 0, 0);
    return -ENOENT;
}

long sys_fstat(int fd, uint64_t ust)
{
    struct file *f = fd_get(fd);
    return f ? stat_file(f, ust) : -EBADF;
}

long sys_newfstatat(int dirfd, uint64_t upath, uint64_t ust, int flags)
{
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    if (flags & AT_EMPTY_PATH) {
        char c;
        if (copy_from_user(&c, upath, 1) < 0)
            return -EFAULT;
        if (c == 0)
            return dirfd == AT_FDCWD ? stat_path(current()->cwd, ust) : sys_fstat(dirfd, ust);
    }
    char path[PATH_MAX];
    int err = resolve_at(dirfd, upath, path);
    return err < 0 ? err : stat_path(path, ust);
}

long sys_stat(uint64_t upath, uint64_t ust)
{
    return sys_newfstatat(AT_FDCWD, upath, ust, 0);
}
