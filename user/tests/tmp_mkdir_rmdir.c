// tmp_mkdir_rmdir: mkdir, EEXIST, rmdir of a non-empty directory is ENOTEMPTY,
// unlink of a directory EISDIR, rmdir of a file ENOTDIR, a path through a file
// ENOTDIR; chdir/fchdir into a directory make relative names land there, getcwd
// reports it, and the *at calls resolve against a directory descriptor.
// lab: 0

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "sigtest.h"

static char dir[64], sub[96], file[96], cwd[256];

static long err_of(long r)
{
    return r == -1 ? errno : 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(dir, sizeof dir, "/tmp/siglab-mkdir_rmdir-%d", getpid());
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(file, sizeof file, "%s/file", dir);
    char start[256];
    getcwd(start, sizeof start);

    check("mkdir", mkdir(dir, 0755), 0);
    check("mkdir again", err_of(mkdir(dir, 0755)), EEXIST);
    struct stat st;
    check("stat dir", stat(dir, &st), 0);
    check("is a directory", S_ISDIR(st.st_mode), 1);
    check("new dir nlink", st.st_nlink, 2);
    check("mkdir sub", mkdir(sub, 0755), 0);
    stat(dir, &st);
    check("nlink with a subdir", st.st_nlink, 3);
    check("rmdir non-empty", err_of(rmdir(dir)), ENOTEMPTY);
    check("unlink a dir", err_of(unlink(sub)), EISDIR);
    check("mkdir in a missing dir", err_of(mkdir("/tmp/siglab-none/x/y", 0755)), ENOENT);

    check("chdir", chdir(dir), 0);
    check("getcwd", strcmp(getcwd(cwd, sizeof cwd), dir), 0);
    int fd = open("file", O_CREAT | O_WRONLY, 0644);
    check("relative create", fd >= 0, 1);
    close(fd);
    check("it is in dir", stat(file, &st), 0);
    check("rmdir a file", err_of(rmdir("file")), ENOTDIR);
    check("path through a file", err_of(open("file/x", O_RDONLY)), ENOTDIR);
    check("mkdir through a file", err_of(mkdir("file/x", 0755)), ENOTDIR);
    check("chdir to a file", err_of(chdir("file")), ENOTDIR);
    check("chdir ..", chdir(".."), 0);

    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    check("open dir O_DIRECTORY", dfd >= 0, 1);
    check("fstatat via dirfd", fstatat(dfd, "file", &st, 0), 0);
    check("unlinkat via dirfd", unlinkat(dfd, "file", 0), 0);
    check("mkdirat via dirfd", mkdirat(dfd, "made", 0700), 0);
    check("unlinkat AT_REMOVEDIR", unlinkat(dfd, "made", AT_REMOVEDIR), 0);
    check("fchdir", fchdir(dfd), 0);
    check("getcwd after fchdir", strcmp(getcwd(cwd, sizeof cwd), dir), 0);
    check("rmdir relative", rmdir("sub"), 0);
    check("fchdir on a pipe", err_of(fchdir(1)), ENOTDIR);
    check("openat with a pipe", err_of(openat(1, "x", O_RDONLY)), ENOTDIR);
    close(dfd);
    check("chdir back", chdir(start), 0);
    check("rmdir", rmdir(dir), 0);
    check("rmdir again", err_of(rmdir(dir)), ENOENT);
    return failures != 0;
}
