// fs_efault: bad user pointers given to the file system calls fail with EFAULT (and
// change nothing), they never crash the kernel: names for open, stat, mkdir, unlink,
// rename, access, chdir; buffers for read, write, pread, fstat, statx, getdents64,
// getcwd. Raw system calls: libc wrappers may touch the pointers themselves.
// lab: 0

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "sigtest.h"

#define BAD ((void *)0x10)

static char path[64];

static long err_of(long r)
{
    return r == -1 ? errno : 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(path, sizeof path, "/tmp/siglab-efault-%d", getpid());
    struct stat st;
    check("open", err_of(syscall(SYS_open, BAD, O_RDONLY)), EFAULT);
    check("open O_CREAT", err_of(syscall(SYS_open, BAD, O_CREAT | O_WRONLY, 0644)), EFAULT);
    check("stat name", err_of(syscall(SYS_stat, BAD, &st)), EFAULT);
    check("stat buffer", err_of(syscall(SYS_stat, "/tmp", BAD)), EFAULT);
    check("mkdir", err_of(syscall(SYS_mkdir, BAD, 0755)), EFAULT);
    check("unlink", err_of(syscall(SYS_unlink, BAD)), EFAULT);
    check("rmdir", err_of(syscall(SYS_rmdir, BAD)), EFAULT);
    check("rename from", err_of(syscall(SYS_rename, BAD, path)), EFAULT);
    check("rename to", err_of(syscall(SYS_rename, path, BAD)), EFAULT);
    check("access", err_of(syscall(SYS_access, BAD, F_OK)), EFAULT);
    check("chdir", err_of(syscall(SYS_chdir, BAD)), EFAULT);
    check("truncate", err_of(syscall(SYS_truncate, BAD, 0)), EFAULT);
    check("getcwd", err_of(syscall(SYS_getcwd, BAD, 256)), EFAULT);

    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    check("write from a bad buffer", err_of(syscall(SYS_write, fd, BAD, 10)), EFAULT);
    check("nothing written", lseek(fd, 0, SEEK_END), 0);
    write(fd, "data", 4);
    check("read into a bad buffer", err_of(syscall(SYS_pread64, fd, BAD, 4, 0)), EFAULT);
    check("pwrite from a bad buffer", err_of(syscall(SYS_pwrite64, fd, BAD, 4, 0)), EFAULT);
    check("fstat into a bad buffer", err_of(syscall(SYS_fstat, fd, BAD)), EFAULT);
    check("newfstatat into a bad buffer", err_of(syscall(SYS_newfstatat, fd, "", BAD, AT_EMPTY_PATH)), EFAULT);
    check("statx into a bad buffer", err_of(syscall(SYS_statx, AT_FDCWD, path, 0, 0x7ff, BAD)), EFAULT);
    char back[4];
    check("data intact", pread(fd, back, 4, 0) == 4 && memcmp(back, "data", 4) == 0, 1);
    close(fd);
    int d = open("/tmp", O_RDONLY | O_DIRECTORY);
    check("getdents64 into a bad buffer", err_of(syscall(SYS_getdents64, d, BAD, 4096)), EFAULT);
    close(d);
    d = open("/", O_RDONLY | O_DIRECTORY);
    check("getdents64 / into a bad buffer", err_of(syscall(SYS_getdents64, d, BAD, 4096)), EFAULT);
    close(d);
    check("unlink", unlink(path), 0);
    return failures != 0;
}
