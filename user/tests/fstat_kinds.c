// fstat_kinds: stat, fstat, lstat, fstatat(AT_EMPTY_PATH) and statx agree on what a
// file is (st_mode type bits), its size, st_nlink and inode, for a /tmp file and
// directory, a pipe, /dev/null, a program file and the root; a missing name is ENOENT
// and st_ino stays the same across a rename.
// lab: 0

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "sigtest.h"

static char path[64], path2[64];

// struct statx of <linux/stat.h>, which musl's headers do not have, and the raw call
// (named apart from glibc's statx() wrapper and STATX_ constants).
struct kstatx {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, pad;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    char rest[256 - 64];
};
#define KSTATX_BASIC_STATS 0x7ff

static long raw_statx(int dirfd, const char *name, int flags, unsigned mask, struct kstatx *sx)
{
    return syscall(SYS_statx, dirfd, name, flags, mask, sx);
}

int main(int argc, char **argv)
{
    (void)argc;
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(path, sizeof path, "/tmp/siglab-fstat_kinds-%d", getpid());
    snprintf(path2, sizeof path2, "/tmp/siglab-fstat_kinds2-%d", getpid());
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0640);
    write(fd, "12345", 5);

    struct stat a, b, c;
    check("stat file", stat(path, &a), 0);
    check("fstat file", fstat(fd, &b), 0);
    check("lstat file", lstat(path, &c), 0);
    check("file type", a.st_mode & S_IFMT, S_IFREG);
    check("file perms", a.st_mode & 07777, 0640);
    check("file size", a.st_size, 5);
    check("file nlink", a.st_nlink, 1);
    check("stat and fstat agree", a.st_ino == b.st_ino && a.st_mode == b.st_mode && a.st_size == b.st_size, 1);
    check("lstat agrees", a.st_ino == c.st_ino && a.st_mode == c.st_mode, 1);
    check("AT_EMPTY_PATH", fstatat(fd, "", &c, AT_EMPTY_PATH), 0);
    check("AT_EMPTY_PATH agrees", c.st_ino == a.st_ino, 1);

    struct kstatx sx;
    check("statx", raw_statx(AT_FDCWD, path, 0, KSTATX_BASIC_STATS, &sx), 0);
    check("statx has the basic stats", (sx.stx_mask & KSTATX_BASIC_STATS) == KSTATX_BASIC_STATS, 1);
    check("statx agrees", sx.stx_ino == a.st_ino && sx.stx_mode == a.st_mode && sx.stx_size == 5 &&
                          sx.stx_nlink == 1, 1);
    check("statx bad flags", raw_statx(AT_FDCWD, path, 0x80000000, 0, &sx) == -1 && errno == EINVAL, 1);

    check("rename", rename(path, path2), 0);
    check("stat renamed", stat(path2, &c), 0);
    check("same inode after rename", c.st_ino == a.st_ino, 1);
    check("unlink", unlink(path2), 0);
    close(fd);

    check("stat /tmp", stat("/tmp", &a), 0);
    check("/tmp is a directory", S_ISDIR(a.st_mode), 1);
    check("stat /", stat("/", &a), 0);
    check("/ is a directory", S_ISDIR(a.st_mode), 1);
    check("stat /dev/null", stat("/dev/null", &a), 0);
    check("/dev/null is a char device", S_ISCHR(a.st_mode), 1);
    int p[2];
    pipe(p);
    check("fstat pipe", fstat(p[0], &a), 0);
    check("pipe is a fifo", S_ISFIFO(a.st_mode), 1);
    close(p[0]);
    close(p[1]);
    check("stat self", stat(argv[0], &a), 0);
    check("self is a regular file", S_ISREG(a.st_mode), 1);
    check("self is executable", (a.st_mode & 0100) != 0, 1);
    check("missing", stat("/tmp/siglab-fstat-none/x", &a) == -1 && errno == ENOENT, 1);
    check("fstat bad fd", fstat(99, &a) == -1 && errno == EBADF, 1);
    return failures != 0;
}
