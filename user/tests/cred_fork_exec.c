// cred_fork_exec: fork copies every id; execve keeps the real and effective ids and
// sets the saved ids to the effective ones; new files belong to the fs ids
// lab: 0
//
// A child of root takes uids 1000/2000/3000 and gids 100/200/300. Its own child
// sees the same ids. Then it execs itself with an argument: the new program has
// uids 1000/2000/2000 and gids 100/200/200 (POSIX: the saved set-user-id is copied
// from the effective one at exec), so setuid(3000) is refused now while setuid(1000)
// still works. A file it creates in /tmp is owned by uid 2000, gid 200. The test
// must start as root (CI runs it so).

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static long r(long ret)
{
    return ret == -1 ? -errno : ret;
}

static void check_ids(const char *what, int (*get)(unsigned *, unsigned *, unsigned *),
                      unsigned real, unsigned eff, unsigned saved)
{
    unsigned a = 1, b = 1, c = 1;
    get(&a, &b, &c);
    if (a == real && b == eff && c == saved) {
        printf("%s: ok\n", what);
    } else {
        printf("%s: FAIL expected %u %u %u got %u %u %u\n", what, real, eff, saved, a, b, c);
        failures++;
    }
}

static int get_uids(unsigned *a, unsigned *b, unsigned *c) { return getresuid(a, b, c); }
static int get_gids(unsigned *a, unsigned *b, unsigned *c) { return getresgid(a, b, c); }

static int after_exec(void)
{
    check_ids("after exec: uids 1000 2000 2000", get_uids, 1000, 2000, 2000);
    check_ids("after exec: gids 100 200 200", get_gids, 100, 200, 200);
    check("after exec: fsuid follows the effective uid", setfsuid(-1), 2000);
    check("the auxiliary vector agrees: AT_UID 1000, AT_EUID 2000",
          getauxval(AT_UID) == 1000 && getauxval(AT_EUID) == 2000, 1);
    check("AT_GID 100, AT_EGID 200", getauxval(AT_GID) == 100 && getauxval(AT_EGID) == 200, 1);

    char path[64];
    snprintf(path, sizeof path, "/tmp/siglab-cred_fork_exec-%d", (int)getpid());
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
    check("open(O_CREAT) in /tmp", fd >= 0, 1);
    struct stat st;
    memset(&st, 0, sizeof st);
    fstat(fd, &st);
    check("the new file's st_uid is the fsuid", st.st_uid, 2000);
    check("the new file's st_gid is the fsgid", st.st_gid, 200);
    close(fd);
    unlink(path);

    check("setuid(3000): the old saved uid is gone", r(setuid(3000)), -EPERM);
    check("setuid(1000): the real uid", r(setuid(1000)), 0);
    check_ids("uids 1000 1000 2000", get_uids, 1000, 1000, 2000);
    return failures != 0;
}

static int dropped(const char *self)
{
    check("setresgid(100, 200, 300)", r(setresgid(100, 200, 300)), 0);
    check("setresuid(1000, 2000, 3000)", r(setresuid(1000, 2000, 3000)), 0);
    pid_t pid = fork();
    if (pid == 0) {
        check_ids("fork: the child has uids 1000 2000 3000", get_uids, 1000, 2000, 3000);
        check_ids("fork: and gids 100 200 300", get_gids, 100, 200, 300);
        _exit(failures != 0);
    }
    int status;
    waitpid(pid, &status, 0);
    check("the forked child's checks passed", WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);
    fflush(stdout);
    char *args[] = { (char *)self, "after-exec", NULL };
    execv(self, args);
    printf("execv: FAIL %s\n", strerror(errno));
    return 1;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1)
        return after_exec();
    if (getuid() != 0 || geteuid() != 0) {
        printf("cred_fork_exec must run as root\n");
        return 1;
    }
    pid_t pid = fork();
    if (pid == 0)
        _exit(dropped(argv[0]));
    int status;
    waitpid(pid, &status, 0);
    check("the exec'd program's checks passed", WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);
    return failures != 0;
}
