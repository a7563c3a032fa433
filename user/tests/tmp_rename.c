// tmp_rename: rename replaces an existing target as Linux does (a descriptor open on
// the old target still reads it), keeps the inode number, and refuses what Linux
// refuses: a missing source, a directory over a file or a non-empty directory, a file
// over a directory, a directory into itself, RENAME_NOREPLACE onto an existing name.
// lab: 0

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "sigtest.h"

static char base[64], a[96], b[96], d1[96], d2[96], d2f[128], d1sub[128];

static long err_of(long r)
{
    return r == -1 ? errno : 0;
}

static void put(const char *path, const char *text)
{
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    write(fd, text, strlen(text));
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(base, sizeof base, "/tmp/siglab-rename-%d", getpid());
    snprintf(a, sizeof a, "%s/a", base);
    snprintf(b, sizeof b, "%s/b", base);
    snprintf(d1, sizeof d1, "%s/d1", base);
    snprintf(d2, sizeof d2, "%s/d2", base);
    snprintf(d2f, sizeof d2f, "%s/d2/f", base);
    snprintf(d1sub, sizeof d1sub, "%s/d1/sub", base);
    check("mkdir base", mkdir(base, 0755), 0);
    put(a, "AAAA");
    put(b, "BB");

    struct stat sa, sb;
    stat(a, &sa);
    int oldb = open(b, O_RDONLY);
    check("rename a over b", rename(a, b), 0);
    check("a is gone", err_of(stat(a, &sb)), ENOENT);
    check("stat b", stat(b, &sb), 0);
    check("b has a's inode", sb.st_ino == sa.st_ino, 1);
    check("b has a's size", sb.st_size, 4);
    char buf[8] = { 0 };
    check("old b still readable", read(oldb, buf, sizeof buf), 2);
    check("old b's bytes", memcmp(buf, "BB", 2), 0);
    close(oldb);

    check("missing source", err_of(rename(a, b)), ENOENT);
    check("rename onto itself", rename(b, b), 0);
    check("mkdir d1", mkdir(d1, 0755), 0);
    check("mkdir d2", mkdir(d2, 0755), 0);
    put(d2f, "f");
    check("dir over file", err_of(rename(d1, b)), ENOTDIR);
    check("file over dir", err_of(rename(b, d1)), EISDIR);
    check("dir over non-empty dir", err_of(rename(d1, d2)), ENOTEMPTY);
    check("dir into itself", err_of(rename(d1, d1sub)), EINVAL);
    check("through a file", err_of(rename(b, "/tmp/siglab-no-such-dir/x")), ENOENT);
    check("RENAME_NOREPLACE", err_of(syscall(SYS_renameat2, AT_FDCWD, b, AT_FDCWD, d2f, 1)), EEXIST);
    check("move file into d1", rename(b, d1sub), 0);
    check("dir over empty dir", rename(d2, d1) == -1 ? errno : 0, ENOTEMPTY);
    check("unlink d1/sub", unlink(d1sub), 0);
    check("dir over empty dir now", rename(d2, d1), 0);
    char moved[160];
    snprintf(moved, sizeof moved, "%s/d1/f", base);
    check("its file moved along", stat(moved, &sb), 0);
    check("unlink d1/f", unlink(moved), 0);
    check("rmdir d1", rmdir(d1), 0);
    check("d2 is gone", err_of(stat(d2, &sb)), ENOENT);
    check("rmdir base", rmdir(base), 0);
    return failures != 0;
}
