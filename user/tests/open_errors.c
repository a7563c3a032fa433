// open_errors: openat's errors on every kind of name, as Linux gives them: ENOENT,
// EEXIST for O_CREAT|O_EXCL, ENOTDIR for O_DIRECTORY on a file and for a path
// through a file, EISDIR for writing a directory; and access(2)/faccessat as root:
// F_OK, R_OK and W_OK allowed, X_OK only with an execute bit (always on directories),
// bad mode bits EINVAL.
// lab: 0

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "sigtest.h"

static char file[64], dir[64], inner[96];

static long err_of(long r)
{
    if (r >= 0)
        close((int)r);
    return r == -1 ? errno : 0;
}

int main(int argc, char **argv)
{
    (void)argc;
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(file, sizeof file, "/tmp/siglab-open_errors-%d", getpid());
    snprintf(dir, sizeof dir, "/tmp/siglab-open_errors-dir-%d", getpid());
    snprintf(inner, sizeof inner, "%s/x", file);
    umask(022);
    check("create", err_of(open(file, O_CREAT | O_EXCL | O_WRONLY, 0644)), 0);
    check("O_EXCL on existing", err_of(open(file, O_CREAT | O_EXCL | O_WRONLY, 0644)), EEXIST);
    check("O_CREAT on existing", err_of(open(file, O_CREAT | O_WRONLY, 0644)), 0);
    check("O_DIRECTORY on a file", err_of(open(file, O_RDONLY | O_DIRECTORY)), ENOTDIR);
    check("through a file", err_of(open(inner, O_RDONLY)), ENOTDIR);
    char slashed[80];
    snprintf(slashed, sizeof slashed, "%s/", file);
    check("file with a trailing slash", err_of(open(slashed, O_RDONLY)), ENOTDIR);
    check("unlink file/", err_of(unlink(slashed)), ENOTDIR);
    check("create through a file", err_of(open(inner, O_CREAT | O_WRONLY, 0644)), ENOTDIR);
    check("missing", err_of(open("/tmp/siglab-open-errors-none", O_RDONLY)), ENOENT);
    check("create in a missing dir", err_of(open("/tmp/siglab-none/f", O_CREAT | O_WRONLY, 0644)), ENOENT);
    check("empty name", err_of(open("", O_RDONLY)), ENOENT);
    check("O_NOFOLLOW on a file", err_of(open(file, O_RDONLY | O_NOFOLLOW)), 0);
    mkdir(dir, 0755);
    check("directory for writing", err_of(open(dir, O_WRONLY)), EISDIR);
    check("directory O_RDWR", err_of(open(dir, O_RDWR)), EISDIR);
    check("directory O_CREAT", err_of(open(dir, O_CREAT | O_RDONLY, 0644)), EISDIR);
    check("directory O_RDONLY", err_of(open(dir, O_RDONLY)), 0);
    snprintf(slashed, sizeof slashed, "%s/", dir);
    check("directory with a trailing slash", err_of(open(slashed, O_RDONLY)), 0);
    check("/ O_DIRECTORY", err_of(open("/", O_RDONLY | O_DIRECTORY)), 0);
    check("/dev/null O_DIRECTORY", err_of(open("/dev/null", O_RDONLY | O_DIRECTORY)), ENOTDIR);

    check("access F_OK", access(file, F_OK), 0);
    check("access R_OK|W_OK", access(file, R_OK | W_OK), 0);
    check("access X_OK on 0644", err_of(access(file, X_OK)), EACCES);
    check("access X_OK on a directory", access(dir, X_OK), 0);
    check("access X_OK on the program", access(argv[0], X_OK), 0);
    check("access missing", err_of(access("/tmp/siglab-none", F_OK)), ENOENT);
    check("access bad mode", err_of(access(file, 8)), EINVAL);
    check("faccessat", faccessat(AT_FDCWD, file, R_OK, 0), 0);
    check("faccessat2 bad flags", err_of(syscall(439, AT_FDCWD, file, R_OK, 1)), EINVAL);
    unlink(file);
    rmdir(dir);
    return failures != 0;
}
