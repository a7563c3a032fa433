// tmp_lseek_holes: lseek SEEK_SET/CUR/END, seeking past the end and writing leaves a
// hole that reads as zeros; bad whence and negative offsets are EINVAL; pipes and
// the console have no offset (ESPIPE), for lseek, pread and pwrite alike; /dev/null
// and /dev/zero do, but lseek on them always answers 0 (Linux's null_lseek).
// lab: 0

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "sigtest.h"

static char path[64];

static long err_of(long r)
{
    return r == -1 ? errno : 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(path, sizeof path, "/tmp/siglab-lseek_holes-%d", getpid());
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    check("write 4", write(fd, "head", 4), 4);
    check("SEEK_CUR +0", lseek(fd, 0, SEEK_CUR), 4);
    check("SEEK_END +100000", lseek(fd, 100000, SEEK_END), 100004);
    check("write 4 after the hole", write(fd, "tail", 4), 4);
    struct stat st;
    fstat(fd, &st);
    check("size", st.st_size, 100008);
    check("SEEK_CUR -8", lseek(fd, -8, SEEK_CUR), 100000);

    static char buf[100008], zeros[100000];
    check("read it all", pread(fd, buf, sizeof buf, 0), sizeof buf);
    check("head", memcmp(buf, "head", 4), 0);
    check("hole is zeros", memcmp(buf + 4, zeros, 100000), 0);
    check("tail", memcmp(buf + 100004, "tail", 4), 0);
    check("SEEK_SET -1", err_of(lseek(fd, -1, SEEK_SET)), EINVAL);
    check("whence 7", err_of(lseek(fd, 0, 7)), EINVAL);
    check("offset kept after errors", lseek(fd, 0, SEEK_CUR), 100000);
    check("SEEK_SET beyond, read 0", lseek(fd, 1 << 30, SEEK_SET) == 1 << 30 && read(fd, buf, 4) == 0, 1);
    check("pread -1", err_of(pread(fd, buf, 1, -1)), EINVAL);
    close(fd);
    check("lseek closed fd", err_of(lseek(fd, 0, SEEK_SET)), EBADF);

    int p[2];
    pipe(p);
    check("lseek pipe", err_of(lseek(p[0], 0, SEEK_CUR)), ESPIPE);
    check("pread pipe", err_of(pread(p[0], buf, 1, 0)), ESPIPE);
    check("pwrite pipe", err_of(pwrite(p[1], "x", 1, 0)), ESPIPE);
    close(p[0]);
    close(p[1]);
    int null = open("/dev/null", O_RDWR);
    check("lseek /dev/null", lseek(null, 100, SEEK_SET), 0);
    check("pread /dev/null", pread(null, buf, 4, 10), 0);
    check("pwrite /dev/null", pwrite(null, "abc", 3, 10), 3);
    close(null);
    int zero = open("/dev/zero", O_RDONLY);
    buf[0] = 'x';
    check("pread /dev/zero", pread(zero, buf, 4, 1000) == 4 && buf[0] == 0, 1);
    close(zero);
    int d = open("/tmp", O_RDONLY | O_DIRECTORY);
    check("read on a directory", err_of(read(d, buf, 1)), EISDIR);
    check("pread on a directory", err_of(pread(d, buf, 1, 0)), EISDIR);
    check("lseek on a directory", lseek(d, 0, SEEK_SET), 0);
    close(d);
    check("unlink", unlink(path), 0);
    return failures != 0;
}
