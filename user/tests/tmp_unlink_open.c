// tmp_unlink_open: an unlinked file that is still open stays readable and writable
// through its descriptors (and a forked child's) until the last close; its name is
// gone at once, fstat shows st_nlink 0, and a new file may take the name. O_TMPFILE
// makes such a file without a name (only for writing, only in a directory).
// lab: 0

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "sigtest.h"

static char path[64];

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(path, sizeof path, "/tmp/siglab-unlink_open-%d", getpid());
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    check("write", write(fd, "still here", 10), 10);
    check("unlink", unlink(path), 0);
    struct stat st;
    check("name gone", stat(path, &st) == -1 && errno == ENOENT, 1);
    check("open gone", open(path, O_RDONLY) == -1 && errno == ENOENT, 1);
    check("fstat", fstat(fd, &st), 0);
    check("st_nlink 0", st.st_nlink, 0);
    check("size kept", st.st_size, 10);

    pid_t pid = fork();
    if (pid == 0) {
        char c[10];
        _exit(pread(fd, c, 10, 0) == 10 && memcmp(c, "still here", 10) == 0 ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    check("child reads it", WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);
    check("write more", pwrite(fd, "!", 1, 10), 1);
    char buf[16] = { 0 };
    check("read back", pread(fd, buf, sizeof buf, 0), 11);
    check("bytes", strcmp(buf, "still here!"), 0);

    int fd2 = open(path, O_CREAT | O_RDWR | O_EXCL, 0644);
    check("new file takes the name", fd2 >= 0, 1);
    struct stat st2;
    fstat(fd2, &st2);
    check("new file is empty", st2.st_size, 0);
    check("different inode", st2.st_ino != st.st_ino, 1);
    close(fd2);
    close(fd);
    check("unlink twice", unlink(path), 0);
    check("unlink again", unlink(path) == -1 && errno == ENOENT, 1);

    // O_TMPFILE: a file that never had a name.
    fd = open("/tmp", O_TMPFILE | O_RDWR, 0600);
    check("O_TMPFILE", fd >= 0, 1);
    check("write unnamed", write(fd, "anon", 4), 4);
    memset(buf, 0, sizeof buf);
    check("read unnamed", pread(fd, buf, sizeof buf, 0) == 4 && strcmp(buf, "anon") == 0, 1);
    fstat(fd, &st);
    check("unnamed: regular, nlink 0", S_ISREG(st.st_mode) && st.st_nlink == 0, 1);
    close(fd);
    check("O_TMPFILE read-only", open("/tmp", O_TMPFILE | O_RDONLY, 0600) == -1 && errno == EINVAL, 1);
    fd = open(path, O_CREAT | O_WRONLY, 0600);
    close(fd);
    check("O_TMPFILE on a file", open(path, O_TMPFILE | O_RDWR, 0600) == -1 && errno == ENOTDIR, 1);
    unlink(path);
    return failures != 0;
}
