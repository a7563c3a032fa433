/*
 * readlink and readlinkat. The initrd has no symbolic links, so the only link there is
 * is the one Linux's procfs offers every process: /proc/self/exe (also spelled
 * /proc/PID/exe), naming the running program. glibc's static startup reads it to
 * find itself (_dl_non_dynamic_init: the origin for $ORIGIN in dlopen paths).
 */
#include "kern/syscall.h"
#include "kern/proc.h"
#include "kern/fs.h"
#include "kern/file.h"
#include "kern/fmt.h"
#include "kern/string.h"
#include "kern/uaccess.h"
#include "kern/errno.h"

#define AT_FDCWD    -100

/* Is path (canonical) this process's /proc/self/exe or /proc/PID/exe? */
static bool is_own_exe_link(const char *path)
{
    char mine[32];
    snprintf(mine, sizeof(mine), "/proc/%d/exe", current()->pid);
    return strcmp(path, "/proc/self/exe") == 0 || strcmp(path, mine) == 0;
}

/* Like Linux: the target is not NUL-terminated and is cut to bufsiz bytes. */
static long copy_link(const char *target, uint64_t ubuf, int bufsiz)
{
    size_t len = MIN(strlen(target), (size_t)bufsiz);
    return copy_to_user(ubuf, target, len) < 0 ? -EFAULT : (long)len;
}

long sys_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, int bufsiz)
{
    if (bufsiz <= 0)
        return -EINVAL;
    char name[PATH_MAX], path[PATH_MAX];
    long n = strncpy_from_user(name, upath, sizeof(name));
    if (n < 0)
        return n;
    /* Only AT_FDCWD is a directory we know (as for the other *at calls). */
    if (name[0] != '/' && dirfd != AT_FDCWD)
        return fd_get(dirfd) ? -ENOTDIR : -EBADF;
    int err = fs_resolve(name, path);   /* "" gives -ENOENT, as on Linux */
    if (err < 0)
        return err;
    if (is_own_exe_link(path)) {
        const char *exe = current()->exe_path;
        return exe[0] ? copy_link(exe, ubuf, bufsiz) : -ENOENT;
    }
    /* Anything else that exists is not a link. */
    return fs_path_exists(path) ? -EINVAL : -ENOENT;
}

long sys_readlink(uint64_t upath, uint64_t ubuf, int bufsiz)
{
    return sys_readlinkat(AT_FDCWD, upath, ubuf, bufsiz);
}
