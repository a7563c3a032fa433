// tmp_chmod_utimes: chmod, fchmod and fchmodat change the permission bits and keep
// the file type; utimensat sets atime and mtime to the given times, UTIME_OMIT keeps
// one, futimens works on a descriptor, a bad nanosecond count is EINVAL; a write
// moves mtime forward again.
// lab: 0

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "sigtest.h"

static char path[64];

static long mode_of(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long)st.st_mode : -1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(path, sizeof path, "/tmp/siglab-chmod_utimes-%d", getpid());
    umask(022);
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    check("chmod 0600", chmod(path, 0600), 0);
    check("mode 0600", mode_of(path), S_IFREG | 0600);
    check("fchmod 04751", fchmod(fd, 04751), 0);
    check("mode 04751", mode_of(path), S_IFREG | 04751);
    check("fchmodat 0644", fchmodat(AT_FDCWD, path, 0644, 0), 0);
    check("mode 0644", mode_of(path), S_IFREG | 0644);
    check("chmod missing", chmod("/tmp/siglab-chmod-none", 0644) == -1 && errno == ENOENT, 1);

    struct timespec times[2] = { { 1000000000, 5 }, { 1200000000, 123456789 } };
    check("utimensat", utimensat(AT_FDCWD, path, times, 0), 0);
    struct stat st;
    stat(path, &st);
    check("atime set", st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 5, 1);
    check("mtime set", st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec == 123456789, 1);
    struct timespec omit[2] = { { 0, UTIME_OMIT }, { 1300000000, 0 } };
    check("futimens with UTIME_OMIT", futimens(fd, omit), 0);
    fstat(fd, &st);
    check("atime kept", st.st_atim.tv_sec, 1000000000);
    check("mtime changed", st.st_mtim.tv_sec, 1300000000);
    struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
    check("bad nsec", utimensat(AT_FDCWD, path, bad, 0) == -1 && errno == EINVAL, 1);
    check("write", write(fd, "x", 1), 1);
    fstat(fd, &st);
    check("write moves mtime on", st.st_mtim.tv_sec > 1300000000, 1);
    check("utimensat now", utimensat(AT_FDCWD, path, NULL, 0), 0);
    struct stat st2;
    fstat(fd, &st2);
    check("atime now", st2.st_atim.tv_sec >= st.st_mtim.tv_sec, 1);
    check("utimensat missing", utimensat(AT_FDCWD, "/tmp/siglab-chmod-none", NULL, 0) == -1 && errno == ENOENT, 1);
    close(fd);
    fd = open("/dev/zero", O_RDONLY);
    char z[8] = "abcdefg";
    check("/dev/zero reads zeros", read(fd, z, 8) == 8 && z[0] == 0 && z[7] == 0, 1);
    close(fd);
    check("unlink", unlink(path), 0);
    return failures != 0;
}
