/*
 * File metadata: stat, lstat, fstat, newfstatat, statx. With no symbolic links,
 * lstat is stat and AT_SYMLINK_NOFOLLOW changes nothing.
 */
#include "kern/fs.h"
#include "kern/tmpfs.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/syscall.h"

/* Why path is not in the initrd: ENOTDIR if some ancestor is a file, else ENOENT. */
int fs_missing(const char *path)
{
    char dir[PATH_MAX];
    strlcpy(dir, path, sizeof(dir));
    for (char *slash = dir + strlen(dir); --slash > dir;) {
        if (*slash != '/')
            continue;
        *slash = 0;
        const struct inode *ip = fs_lookup(dir);
        if (ip)
            return S_ISDIR(ip->mode) ? -ENOENT : -ENOTDIR;
    }
    return -ENOENT;
}

int path_stat(const char *path, struct kstat *st)
{
    if (tmpfs_owns(path))
        return tmpfs_stat(path, st);
    const struct inode *ip = fs_lookup(path);
    if (!ip)
        return fs_missing(path);
    inode_stat(ip, st);
    return 0;
}

/* Does anything (file, directory, device, /tmp node) live at this canonical path? */
bool fs_path_exists(const char *path)
{
    struct kstat st;
    return path_stat(path, &st) == 0;
}

/* Pipes and the console: what Linux shows for them, less the inode number. */
void file_stat(struct file *f, struct kstat *st)
{
    if (f->ops->stat) {
        f->ops->stat(f, st);
        return;
    }
    *st = (struct kstat){ .st_dev = DEV_DEVICES, .st_nlink = 1, .st_mode = f->mode | 0600,
                          .st_blksize = 4096 };
}

#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT     0x800
#define AT_EMPTY_PATH       0x1000
#define AT_STATX_SYNC_TYPE  0x6000

/* The stat of what (dirfd, upath, flags) names, as every *stat*at call understands it. */
static int stat_at(int dirfd, uint64_t upath, int flags, struct kstat *st)
{
    if (flags & AT_EMPTY_PATH) {
        char c;
        if (copy_from_user(&c, upath, 1) < 0)
            return -EFAULT;
        if (c == 0) {
            if (dirfd == AT_FDCWD)
                return path_stat(current()->cwd, st);
            struct file *f = fd_get(dirfd);
            if (!f)
                return -EBADF;
            file_stat(f, st);
            return 0;
        }
    }
    char path[PATH_MAX];
    int err = resolve_at(dirfd, upath, path);
    return err < 0 ? err : path_stat(path, st);
}

long sys_fstat(int fd, uint64_t ust)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    struct kstat st;
    file_stat(f, &st);
    return copy_to_user(ust, &st, sizeof(st));
}

long sys_newfstatat(int dirfd, uint64_t upath, uint64_t ust, int flags)
{
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT))
        return -EINVAL;
    struct kstat st;
    int err = stat_at(dirfd, upath, flags, &st);
    return err < 0 ? err : copy_to_user(ust, &st, sizeof(st));
}

long sys_stat(uint64_t upath, uint64_t ust)
{
    return sys_newfstatat(AT_FDCWD, upath, ust, 0);
}

long sys_lstat(uint64_t upath, uint64_t ust)
{
    return sys_newfstatat(AT_FDCWD, upath, ust, AT_SYMLINK_NOFOLLOW);
}

/* struct statx (include/uapi/linux/stat.h), 256 bytes. */
struct statx_ts {
    int64_t sec;
    uint32_t nsec;
    int32_t pad;
};

struct statx {
    uint32_t mask, blksize;
    uint64_t attributes;
    uint32_t nlink, uid, gid;
    uint16_t mode, pad1;
    uint64_t ino, size, blocks, attributes_mask;
    struct statx_ts atime, btime, ctime, mtime;
    uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
    uint64_t spare[14];
};

#define STATX_BASIC_STATS   0x7ffU      /* type mode nlink uid gid atime mtime ctime ino size blocks */
#define STATX__RESERVED     0x80000000U

/* We fill what struct stat has (no birth time), as Linux does for tmpfs. */
long sys_statx(int dirfd, uint64_t upath, int flags, unsigned mask, uint64_t ubuf)
{
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE) ||
        (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
        return -EINVAL;
    struct kstat st;
    int err = stat_at(dirfd, upath, flags, &st);
    if (err < 0)
        return err;
    struct statx sx = {
        .mask = STATX_BASIC_STATS, .blksize = st.st_blksize, .nlink = st.st_nlink,
        .mode = st.st_mode, .ino = st.st_ino, .size = st.st_size, .blocks = st.st_blocks,
        .atime = { (int64_t)st.st_atime, st.st_atime_nsec, 0 },
        .ctime = { (int64_t)st.st_ctime, st.st_ctime_nsec, 0 },
        .mtime = { (int64_t)st.st_mtime, st.st_mtime_nsec, 0 },
        .dev_minor = st.st_dev,
    };
    return copy_to_user(ubuf, &sx, sizeof(sx));
}
