// tmp_append_trunc: O_APPEND writes land at the end wherever the offset is (pwrite
// too, as on Linux), F_SETFL turns O_APPEND on and off, O_TRUNC empties a file,
// ftruncate and truncate shrink and grow it (grown bytes read as zeros).
// lab: 0

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "sigtest.h"

static char path[64];

static long size_of(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? (long)st.st_size : -1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(path, sizeof path, "/tmp/siglab-append_trunc-%d", getpid());
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    check("write 5", write(fd, "hello", 5), 5);
    close(fd);

    fd = open(path, O_WRONLY | O_APPEND);
    check("lseek to 0", lseek(fd, 0, SEEK_SET), 0);
    check("append 3", write(fd, "abc", 3), 3);
    check("offset is the end", lseek(fd, 0, SEEK_CUR), 8);
    check("pwrite at 0 appends", pwrite(fd, "XY", 2, 0), 2);
    check("size after appends", size_of(fd), 10);
    check("F_GETFL has O_APPEND", (fcntl(fd, F_GETFL) & O_APPEND) != 0, 1);
    check("F_SETFL clears O_APPEND", fcntl(fd, F_SETFL, 0), 0);
    check("F_GETFL lost O_APPEND", fcntl(fd, F_GETFL) & O_APPEND, 0);
    lseek(fd, 0, SEEK_SET);
    check("write at 0 overwrites", write(fd, "J", 1), 1);
    check("size unchanged", size_of(fd), 10);
    close(fd);

    char buf[32] = { 0 };
    fd = open(path, O_RDWR);
    check("contents", read(fd, buf, sizeof buf), 10);
    check("contents bytes", memcmp(buf, "JelloabcXY", 10), 0);
    check("ftruncate to 3", ftruncate(fd, 3), 0);
    check("size 3", size_of(fd), 3);
    check("ftruncate to 5000", ftruncate(fd, 5000), 0);
    memset(buf, 'z', sizeof buf);
    check("pread of the grown part", pread(fd, buf, 8, 0), 8);
    check("old bytes then zeros", memcmp(buf, "Jel\0\0\0\0\0", 8), 0);
    check("pread at 4990", pread(fd, buf, 32, 4990), 10);
    check("ftruncate -1", ftruncate(fd, -1) == -1 && errno == EINVAL, 1);
    close(fd);

    fd = open(path, O_RDONLY);
    check("ftruncate read-only fd", ftruncate(fd, 0) == -1 && errno == EINVAL, 1);
    close(fd);
    check("truncate(path, 7)", truncate(path, 7), 0);
    struct stat st;
    stat(path, &st);
    check("size 7", st.st_size, 7);

    fd = open(path, O_RDWR | O_TRUNC);
    check("O_TRUNC empties", size_of(fd), 0);
    close(fd);
    check("unlink", unlink(path), 0);
    return failures != 0;
}
