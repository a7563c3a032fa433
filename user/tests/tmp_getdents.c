// tmp_getdents: getdents64 on a /tmp directory lists ".", "..", and each entry once
// with its d_type (printed sorted: the order is the file system's); a buffer too small
// for one entry is EINVAL, a file is ENOTDIR, and the listing ends with 0. Entries
// removed between calls are not listed again.
// lab: 0

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sigtest.h"

struct linux_dirent64 {
    unsigned long d_ino;
    long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static char dir[64], names[32][64];
static int nnames;

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

// Read the whole directory with a small buffer, so it takes several calls.
static int list(int fd, size_t bufsize)
{
    char buf[512];
    long n;
    nnames = 0;
    lseek(fd, 0, SEEK_SET);
    while ((n = syscall(SYS_getdents64, fd, buf, bufsize)) > 0) {
        for (long off = 0; off < n;) {
            struct linux_dirent64 *d = (void *)(buf + off);
            if (nnames < 32)
                snprintf(names[nnames++], 64, "%s type %d", d->d_name, d->d_type);
            off += d->d_reclen;
        }
    }
    qsort(names, nnames, sizeof names[0], by_name);
    return n;
}

static void make(const char *name, int is_dir)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (is_dir)
        mkdir(path, 0755);
    else
        close(open(path, O_CREAT | O_WRONLY, 0644));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(dir, sizeof dir, "/tmp/siglab-getdents-%d", getpid());
    mkdir(dir, 0755);
    make("beta", 0);
    make("alpha", 0);
    make("sub", 1);
    make("a-much-longer-name-than-the-others-to-test-record-lengths", 0);

    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    check("listing ends with 0", list(fd, 100), 0);
    for (int i = 0; i < nnames; i++)
        printf("entry: %s\n", names[i]);
    char tiny[16];
    lseek(fd, 0, SEEK_SET);
    check("buffer too small", syscall(SYS_getdents64, fd, tiny, sizeof tiny) == -1 && errno == EINVAL, 1);

    char path[128];
    snprintf(path, sizeof path, "%s/beta", dir);
    unlink(path);
    list(fd, 512);
    check("after unlink", nnames, 5);
    int ffd = open(path, O_CREAT | O_RDONLY, 0644);
    check("getdents on a file", syscall(SYS_getdents64, ffd, tiny, sizeof tiny) == -1 && errno == ENOTDIR, 1);
    close(ffd);
    unlink(path);
    check("getdents on a closed fd", syscall(SYS_getdents64, 99, tiny, sizeof tiny) == -1 && errno == EBADF, 1);

    DIR *d = opendir(dir);
    int seen = 0;
    for (struct dirent *e; (e = readdir(d));)
        seen++;
    closedir(d);
    check("readdir count", seen, 5);
    close(fd);
    make("x", 0);
    snprintf(path, sizeof path, "%s/x", dir);
    unlink(path);
    const char *rm[] = { "alpha", "a-much-longer-name-than-the-others-to-test-record-lengths" };
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, rm[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/sub", dir);
    rmdir(path);
    check("rmdir", rmdir(dir), 0);
    return failures != 0;
}
