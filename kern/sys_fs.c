/*
 * System calls on path names: open, openat, creat, access, faccessat(2), mkdir(at),
 * unlink(at), rmdir, rename(at)(2), truncate, chdir, fchdir, getcwd, umask. A path
 * at or below /tmp belongs to kern/tmpfs.c; any other is the read-only initrd's,
 * where every change is EROFS once the path's directory is known to exist.
 */
#include "kern/fs.h"
#include "kern/tmpfs.h"
#include "kern/path.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/syscall.h"

static int resolve_against(int dirfd, const char *path, char *out)
{
    char dir[PATH_MAX];
    if (path[0] == '/' || dirfd == AT_FDCWD)
        return fs_resolve(path, out);
    struct file *f = fd_get(dirfd);
    if (!f)
        return -EBADF;
    if (!f->ops->dir_path)
        return -ENOTDIR;
    int err = f->ops->dir_path(f, dir);
    return err < 0 ? err : path_resolve(dir, path, out, PATH_MAX);
}

/* Resolve a path given to an *at() call: relative ones against dirfd's directory.
   A trailing slash says "a directory": "file/" is ENOTDIR, though the canonical path
   drops the slash. */
int resolve_at(int dirfd, uint64_t upath, char *out)
{
    char path[PATH_MAX];
    long n = strncpy_from_user(path, upath, sizeof(path));
    if (n < 0)
        return (int)n;
    int err = resolve_against(dirfd, path, out);
    struct kstat st;
    if (!err && n > 0 && path[n - 1] == '/' && path_stat(out, &st) == 0 && !S_ISDIR(st.st_mode))
        return -ENOTDIR;
    return err;
}

/* The initrd cannot change: EROFS, unless the path's directory is missing. */
static int initrd_change(const char *path)
{
    char dir[PATH_MAX];
    path_resolve(path, "..", dir, sizeof(dir));
    struct kstat st;
    int err = path_stat(dir, &st);
    if (err < 0)
        return err;
    return S_ISDIR(st.st_mode) ? -EROFS : -ENOTDIR;
}

/* The flags F_GETFL shows: what open was given, less its one-time requests. */
#define OPEN_ONLY_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)

/* O_TMPFILE (Linux build_open_flags): exactly O_TMPFILE of the three bits it shares
   with O_DIRECTORY and O_CREAT, and opened for writing. */
static int open_unnamed(const char *dir, int flags, uint32_t mode, struct file **f)
{
    if ((flags & (O_TMPFILE | O_CREAT)) != O_TMPFILE || (flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL;
    if (tmpfs_owns(dir))
        return tmpfs_open_unnamed(dir, flags, mode, f);
    struct kstat st;
    int err = path_stat(dir, &st);
    if (err < 0)
        return err;
    return S_ISDIR(st.st_mode) ? -EROFS : -ENOTDIR;
}

static long open_path(const char *path, int flags, uint32_t mode)
{
    struct file *f = 0;
    int err;
    mode &= ~current()->umask;
    if (flags & O_TMPFILE & ~O_DIRECTORY) {
        err = open_unnamed(path, flags, mode, &f);
    } else if (tmpfs_owns(path)) {
        err = tmpfs_open(path, flags, mode, &f);
    } else {
        err = fs_open(path, flags, &f);
        if (err == -ENOENT)
            err = (flags & O_CREAT) && fs_missing(path) == -ENOENT ? initrd_change(path)
                                                                   : fs_missing(path);
    }
    if (err < 0)
        return err;
    f->flags = (flags & ~OPEN_ONLY_FLAGS) | O_LARGEFILE;
    int fd = fd_install(f, flags & O_CLOEXEC);
    if (fd < 0)
        file_close(f);
    return fd;
}

long sys_openat(int dirfd, uint64_t upath, int flags, int mode)
{
    char path[PATH_MAX];
    int err = resolve_at(dirfd, upath, path);
    return err < 0 ? err : open_path(path, flags, mode);
}

long sys_open(uint64_t upath, int flags, int mode)
{
    return sys_openat(AT_FDCWD, upath, flags, mode);
}

long sys_creat(uint64_t upath, int mode)
{
    return sys_openat(AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

#define R_OK 4
#define W_OK 2
#define X_OK 1
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS          0x200
#define AT_EMPTY_PATH       0x1000

/* We are all root: reading and writing are allowed (but not on the read-only initrd),
   executing needs an x bit on anything but a directory. */
long sys_faccessat2(int dirfd, uint64_t upath, int how, int flags)
{
    if ((how & ~(R_OK | W_OK | X_OK)) || (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH)))
        return -EINVAL;
    char path[PATH_MAX];
    struct kstat st;
    int err = resolve_at(dirfd, upath, path);
    if (err < 0 || (err = path_stat(path, &st)) < 0)
        return err;
    if ((how & W_OK) && st.st_dev == DEV_INITRD && !S_ISCHR(st.st_mode))
        return -EROFS;
    if ((how & X_OK) && !S_ISDIR(st.st_mode) && !(st.st_mode & 0111))
        return -EACCES;
    return 0;
}

long sys_faccessat(int dirfd, uint64_t upath, int how)
{
    return sys_faccessat2(dirfd, upath, how, 0);
}

long sys_access(uint64_t upath, int how)
{
    return sys_faccessat2(AT_FDCWD, upath, how, 0);
}

long sys_mkdirat(int dirfd, uint64_t upath, int mode)
{
    char path[PATH_MAX];
    int err = resolve_at(dirfd, upath, path);
    if (err < 0)
        return err;
    if (tmpfs_owns(path))
        return tmpfs_mkdir(path, mode & ~current()->umask);
    return fs_lookup(path) ? -EEXIST : initrd_change(path);
}

long sys_mkdir(uint64_t upath, int mode)
{
    return sys_mkdirat(AT_FDCWD, upath, mode);
}

#define AT_REMOVEDIR 0x200

long sys_unlinkat(int dirfd, uint64_t upath, int flags)
{
    if (flags & ~AT_REMOVEDIR)
        return -EINVAL;
    char path[PATH_MAX];
    int err = resolve_at(dirfd, upath, path);
    if (err < 0)
        return err;
    if (tmpfs_owns(path))
        return tmpfs_unlink(path, flags & AT_REMOVEDIR);
    if (strcmp(path, "/") == 0)
        return -EBUSY;
    return initrd_change(path);
}

long sys_unlink(uint64_t upath) { return sys_unlinkat(AT_FDCWD, upath, 0); }
long sys_rmdir(uint64_t upath) { return sys_unlinkat(AT_FDCWD, upath, AT_REMOVEDIR); }

#define RENAME_WHITEOUT 4

/* Linux checks that both names are on one mount (EXDEV) before anything else. */
long sys_renameat2(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, unsigned flags)
{
    if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) ||
        ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT))))
        return -EINVAL;
    char from[PATH_MAX], to[PATH_MAX];
    int err = resolve_at(olddirfd, uold, from);
    if (err < 0 || (err = resolve_at(newdirfd, unew, to)) < 0)
        return err;
    bool tmp = tmpfs_owns(from);
    if (tmp != tmpfs_owns(to) && strcmp(from, "/tmp") && strcmp(to, "/tmp"))
        return -EXDEV;
    if (!tmp)
        return initrd_change(from);
    if (flags & RENAME_WHITEOUT)
        return -EINVAL;
    return tmpfs_rename(from, to, flags);
}

long sys_renameat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew)
{
    return sys_renameat2(olddirfd, uold, newdirfd, unew, 0);
}

long sys_rename(uint64_t uold, uint64_t unew)
{
    return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

long sys_truncate(uint64_t upath, int64_t len)
{
    char path[PATH_MAX];
    if (len < 0)
        return -EINVAL;
    int err = resolve_at(AT_FDCWD, upath, path);
    if (err < 0)
        return err;
    struct kstat st;
    if ((err = path_stat(path, &st)) < 0)
        return err;
    if (S_ISDIR(st.st_mode))
        return -EISDIR;
    if (!tmpfs_owns(path))
        return S_ISREG(st.st_mode) ? -EROFS : -EINVAL;
    long fd = open_path(path, O_WRONLY, 0);
    if (fd < 0)
        return fd;
    long r = sys_ftruncate(fd, len);
    sys_close(fd);
    return r;
}

static int set_cwd(const char *path)
{
    struct kstat st;
    int err = path_stat(path, &st);
    if (err < 0)
        return err;
    if (!S_ISDIR(st.st_mode))
        return -ENOTDIR;
    strlcpy(current()->cwd, path, PATH_MAX);
    return 0;
}

long sys_chdir(uint64_t upath)
{
    char path[PATH_MAX];
    int err = resolve_at(AT_FDCWD, upath, path);
    return err < 0 ? err : set_cwd(path);
}

long sys_fchdir(int fd)
{
    struct file *f = fd_get(fd);
    char path[PATH_MAX];
    if (!f)
        return -EBADF;
    if (!f->ops->dir_path)
        return -ENOTDIR;
    int err = f->ops->dir_path(f, path);
    return err < 0 ? err : set_cwd(path);
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

long sys_umask(int mask)
{
    uint32_t old = current()->umask;
    current()->umask = mask & 0777;
    return old;
}
