/*
 * Changing what stat shows: chmod, chown, utimensat (and their f- and -at forms);
 * statfs; and the names we do not support, link and symlink. Only /tmp can change:
 * the initrd's files and directories answer EROFS; devices and pipes accept and
 * forget (Linux keeps their attributes in an inode we do not have).
 */
#include "kern/fs.h"
#include "kern/tmpfs.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/timer.h"
#include "kern/timespec.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/syscall.h"

#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH       0x1000
#define S_ISUID             04000
#define S_ISGID             02000
#define S_IXGRP             00010

/* What an attribute call on (dirfd, upath) changes: *n for a /tmp node, else NULL and
   st says what it is. A NULL upath, or "" with AT_EMPTY_PATH, means dirfd itself. */
static int attr_target(int dirfd, uint64_t upath, int flags, struct tnode **n, struct kstat *st)
{
    char path[PATH_MAX];
    int err = 0;
    char c = 0;
    if (upath && (flags & AT_EMPTY_PATH) && copy_from_user(&c, upath, 1) < 0)
        return -EFAULT;
    if (!upath || ((flags & AT_EMPTY_PATH) && c == 0)) {
        struct file *f = fd_get(dirfd);
        if (!f)
            return -EBADF;
        if (!(*n = tmpfs_file_node(f)))
            file_stat(f, st);
        return 0;
    }
    if ((err = resolve_at(dirfd, upath, path)) < 0)
        return err;
    if (tmpfs_owns(path))
        return (*n = tmpfs_node(path, &err)) ? 0 : err;
    *n = 0;
    return path_stat(path, st);
}

/* Not /tmp: the initrd is read-only, anything else pretends. */
static int elsewhere(const struct kstat *st)
{
    return st->st_dev == DEV_INITRD && !S_ISCHR(st->st_mode) ? -EROFS : 0;
}

/* attr_target for a call that changes the file: 0 and *n for a /tmp node; 0 and
   *n NULL when there is nothing to change (a device pretends); else the error. */
static int change_target(int dirfd, uint64_t upath, int flags, struct tnode **n)
{
    struct kstat st;
    int err = attr_target(dirfd, upath, flags, n, &st);
    return err < 0 ? err : *n ? 0 : elsewhere(&st);
}

static long do_chmod(int dirfd, uint64_t upath, uint32_t mode, int flags)
{
    struct tnode *n;
    int err = change_target(dirfd, upath, flags, &n);
    if (err < 0 || !n)
        return err;
    n->mode = (n->mode & S_IFMT) | (mode & 07777);
    tnode_changed(n, false);
    return 0;
}

long sys_chmod(uint64_t upath, int mode) { return do_chmod(AT_FDCWD, upath, mode, 0); }
long sys_fchmod(int fd, int mode) { return do_chmod(fd, 0, mode, 0); }

long sys_fchmodat(int dirfd, uint64_t upath, int mode)
{
    return upath ? do_chmod(dirfd, upath, mode, 0) : -EFAULT;
}

/* chown: -1 keeps the id. Linux clears set-user-ID (and set-group-ID when group
   execute makes it mean that) on anything but a directory, even for root. */
static long do_chown(int dirfd, uint64_t upath, uint32_t uid, uint32_t gid, int flags)
{
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct tnode *n;
    int err = change_target(dirfd, upath, flags, &n);
    if (err < 0 || !n)
        return err;
    if (uid != (uint32_t)-1)
        n->uid = uid;
    if (gid != (uint32_t)-1)
        n->gid = gid;
    if (!S_ISDIR(n->mode))
        n->mode &= ~(S_ISUID | ((n->mode & S_IXGRP) ? S_ISGID : 0));
    tnode_changed(n, false);
    return 0;
}

long sys_chown(uint64_t upath, int uid, int gid) { return do_chown(AT_FDCWD, upath, uid, gid, 0); }
long sys_lchown(uint64_t upath, int uid, int gid) { return do_chown(AT_FDCWD, upath, uid, gid, 0); }
long sys_fchown(int fd, int uid, int gid) { return do_chown(fd, 0, uid, gid, 0); }

long sys_fchownat(int dirfd, uint64_t upath, int uid, int gid, int flags)
{
    return upath ? do_chown(dirfd, upath, uid, gid, flags) : -EFAULT;
}

#define UTIME_NOW   ((1L << 30) - 1)
#define UTIME_OMIT  ((1L << 30) - 2)

/* May utimensat set this time? A file time may be before 1970, so only
   tv_nsec is checked (Linux's nsec_valid): a time, UTIME_NOW or UTIME_OMIT. */
static bool utime_valid(struct timespec_k t)
{
    return t.tv_nsec == UTIME_NOW || t.tv_nsec == UTIME_OMIT ||
           (t.tv_nsec >= 0 && t.tv_nsec < (int64_t)NSEC_PER_SEC);
}

/* Set *field to t, unless t says UTIME_OMIT. */
static void set_utime(struct timespec_k *field, struct timespec_k t, struct timespec_k now)
{
    if (t.tv_nsec != UTIME_OMIT)
        *field = t.tv_nsec == UTIME_NOW ? now : t;
}

/* utimensat(dirfd, path, times[2] = { atime, mtime }, flags); times NULL: both now. */
long sys_utimensat(int dirfd, uint64_t upath, uint64_t utimes, int flags)
{
    struct timespec_k t[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
    if (utimes && copy_from_user(t, utimes, sizeof(t)) < 0)
        return -EFAULT;
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) || (!upath && flags))
        return -EINVAL;
    if (!utime_valid(t[0]) || !utime_valid(t[1]))
        return -EINVAL;
    struct tnode *n;
    int err = change_target(dirfd, upath, flags, &n);
    if (err < 0 || !n)
        return err;
    struct timespec_k now = ns_to_timespec(realtime_ns());
    set_utime(&n->atime, t[0], now);
    set_utime(&n->mtime, t[1], now);
    if (t[0].tv_nsec != UTIME_OMIT || t[1].tv_nsec != UTIME_OMIT)
        tnode_changed(n, false);
    return 0;
}

/* struct statfs (x86-64, 120 bytes). */
struct statfs_k {
    int64_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen, f_frsize, f_flags, f_spare[4];
};

#define TMPFS_MAGIC     0x01021994
#define RAMFS_MAGIC     0x858458f6
#define PIPEFS_MAGIC    0x50495045
#define ST_RDONLY       1
#define ST_VALID        0x20

static long put_statfs(uint64_t ubuf, const struct kstat *st)
{
    struct statfs_k s = { .f_bsize = 4096, .f_frsize = 4096, .f_namelen = NAME_MAX,
                          .f_fsid = { (int32_t)st->st_dev, 0 }, .f_flags = ST_VALID };
    if (st->st_dev == DEV_TMPFS) {
        s.f_type = TMPFS_MAGIC;
        tmpfs_statfs(&s.f_blocks, &s.f_bfree, &s.f_files, &s.f_ffree);
        s.f_bavail = s.f_bfree;
    } else {
        s.f_type = S_ISFIFO(st->st_mode) ? PIPEFS_MAGIC : RAMFS_MAGIC;
        s.f_flags |= st->st_dev == DEV_INITRD ? ST_RDONLY : 0;
    }
    return copy_to_user(ubuf, &s, sizeof(s));
}

long sys_statfs(uint64_t upath, uint64_t ubuf)
{
    struct tnode *n;
    struct kstat st;
    int err = attr_target(AT_FDCWD, upath, 0, &n, &st);
    if (err < 0)
        return err;
    if (n)
        tnode_stat(n, &st);
    return put_statfs(ubuf, &st);
}

long sys_fstatfs(int fd, uint64_t ubuf)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    struct kstat st;
    file_stat(f, &st);
    return put_statfs(ubuf, &st);
}

/* link and symlink: no file system here has them. Linux's order: the new name must
   not exist (EEXIST), both names on one file system (EXDEV, link only), a writable
   one (EROFS); then a file system without the operation says EPERM. */
static long no_link(int dirfd, uint64_t upath, bool tmp_source, bool is_link)
{
    char path[PATH_MAX];
    struct kstat st;
    int err = resolve_at(dirfd, upath, path);
    if (err < 0)
        return err;
    if (path_stat(path, &st) == 0)
        return -EEXIST;
    if (is_link && tmp_source != tmpfs_owns(path))
        return -EXDEV;
    return tmpfs_owns(path) ? -EPERM : -EROFS;
}

long sys_linkat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, int flags)
{
    if (flags & ~(AT_SYMLINK_NOFOLLOW | 0x400 | AT_EMPTY_PATH))    /* 0x400: AT_SYMLINK_FOLLOW */
        return -EINVAL;
    char from[PATH_MAX];
    struct kstat st;
    int err = resolve_at(olddirfd, uold, from);
    if (err < 0 || (err = path_stat(from, &st)) < 0)
        return err;
    if (S_ISDIR(st.st_mode))
        return -EPERM;
    return no_link(newdirfd, unew, tmpfs_owns(from), true);
}

long sys_link(uint64_t uold, uint64_t unew) { return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0); }

long sys_symlinkat(uint64_t utarget, int newdirfd, uint64_t unew)
{
    char target[PATH_MAX];
    long n = strncpy_from_user(target, utarget, sizeof(target));
    if (n < 0)
        return n;
    return no_link(newdirfd, unew, false, false);
}

long sys_symlink(uint64_t utarget, uint64_t unew) { return sys_symlinkat(utarget, AT_FDCWD, unew); }
