// sigio_owner: F_SETOWN of a process group, F_GETOWN_EX, bad owners and signals,
// the permission SIGIO needs, and regular files that never send it
// lab: 1
//
// F_SETOWN(-pgrp) makes every member of the group an owner: F_GETOWN gives -pgrp
// back, F_GETOWN_EX says F_OWNER_PGRP, and both members get SIGIO. An owner that
// has been reaped reads back as 0. A pid nobody has is ESRCH, INT_MIN and signals
// above 64 are EINVAL, an unknown F_SETOWN_EX type is EINVAL and a bad pointer
// EFAULT. SIGIO reaches an owner only if the ids of whoever called F_SETOWN could
// kill() it: a uid-1000 process cannot aim SIGIO at root. A /tmp file cannot send
// SIGIO, so F_SETFL drops its O_ASYNC, as Linux does for files without a fasync
// operation. The process-group part runs in a group of its own; the test must start
// as root.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static long r(long ret)
{
    return ret == -1 ? -errno : ret;
}

static void block_sigio(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGIO);
    sigprocmask(SIG_BLOCK, &set, NULL);
}

// In a new process group: this process and a child both own the pipe's read end
// through the group; one write, and each of them has SIGIO pending.
static int group_owner(void)
{
    setpgid(0, 0);
    block_sigio();
    int p[2], go[2];
    pipe(p);
    pipe(go);
    check("F_SETOWN(-pgrp)", r(fcntl(p[0], F_SETOWN, -getpgrp())), 0);
    check("F_GETOWN gives -pgrp", fcntl(p[0], F_GETOWN), -getpgrp());
    struct f_owner_ex ex = { -1, -1 };
    check("F_GETOWN_EX", r(fcntl(p[0], F_GETOWN_EX, &ex)), 0);
    check("  type F_OWNER_PGRP", ex.type, F_OWNER_PGRP);
    check("  pid is the pgrp", ex.pid, getpgrp());
    fcntl(p[0], F_SETFL, O_ASYNC);
    pid_t child = fork();
    if (child == 0) {
        char c;
        read(go[0], &c, 1);     // after the write below
        _exit(is_pending(SIGIO));
    }
    write(p[1], "x", 1);
    check("the writer (a member) has SIGIO pending", is_pending(SIGIO), 1);
    write(go[1], "g", 1);
    int status;
    waitpid(child, &status, 0);
    check("the other member has SIGIO pending", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 1);

    ex = (struct f_owner_ex){ F_OWNER_PID, getpid() };
    check("F_SETOWN_EX(F_OWNER_PID, me)", r(fcntl(p[0], F_SETOWN_EX, &ex)), 0);
    check("F_GETOWN is my pid again", fcntl(p[0], F_GETOWN), getpid());
    return failures != 0;
}

// F_GETOWN names the owner only while it exists: a zombie still counts, a reaped
// process no longer (F_GETOWN_EX keeps the type).
static void owner_gone(void)
{
    int p[2];
    pipe(p);
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    check("F_SETOWN(child)", r(fcntl(p[0], F_SETOWN, child)), 0);
    siginfo_t si;
    waitid(P_PID, child, &si, WEXITED | WNOWAIT);
    check("F_GETOWN while the child is a zombie", fcntl(p[0], F_GETOWN), child);
    waitpid(child, NULL, 0);
    check("F_GETOWN once it is reaped is 0", fcntl(p[0], F_GETOWN), 0);
    struct f_owner_ex ex = { -1, -1 };
    fcntl(p[0], F_GETOWN_EX, &ex);
    check("F_GETOWN_EX: type F_OWNER_PID", ex.type, F_OWNER_PID);
    check("F_GETOWN_EX: pid 0", ex.pid, 0);
    close(p[0]);
    close(p[1]);
}

static void bad_input(void)
{
    int p[2];
    pipe(p);
    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    waitpid(gone, NULL, 0);
    check("F_SETOWN of a reaped pid is ESRCH", r(fcntl(p[0], F_SETOWN, gone)), -ESRCH);
    check("F_SETOWN(INT_MIN) is EINVAL", r(fcntl(p[0], F_SETOWN, INT_MIN)), -EINVAL);
    check("F_SETOWN(0) clears the owner", r(fcntl(p[0], F_SETOWN, 0)), 0);
    check("F_GETOWN is 0", fcntl(p[0], F_GETOWN), 0);
    check("F_SETSIG(65) is EINVAL", r(fcntl(p[0], F_SETSIG, 65)), -EINVAL);
    check("F_SETSIG(64) is fine", r(fcntl(p[0], F_SETSIG, 64)), 0);
    struct f_owner_ex ex = { 7, getpid() };
    check("F_SETOWN_EX type 7 is EINVAL", r(fcntl(p[0], F_SETOWN_EX, &ex)), -EINVAL);
    check("F_SETOWN_EX(bad pointer) is EFAULT", r(fcntl(p[0], F_SETOWN_EX, (void *)16)), -EFAULT);
    check("F_GETOWN_EX(bad pointer) is EFAULT", r(fcntl(p[0], F_GETOWN_EX, (void *)16)), -EFAULT);
    check("F_SETOWN on a closed fd is EBADF", r(fcntl(99, F_SETOWN, getpid())), -EBADF);
    close(p[0]);
    close(p[1]);
}

// A child with uid UID sets us (root) as the owner of its pipe and writes to it:
// do we get SIGIO?
static int sigio_from_uid(uid_t uid)
{
    int done[2];
    pipe(done);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        int p[2];
        setresuid(uid, uid, uid);
        pipe(p);
        fcntl(p[0], F_SETOWN, parent);
        fcntl(p[0], F_SETFL, O_ASYNC);
        write(p[1], "x", 1);
        write(done[1], "d", 1);
        _exit(0);
    }
    char c;
    read(done[0], &c, 1);
    waitpid(pid, NULL, 0);
    close(done[0]);
    close(done[1]);
    int pending = is_pending(SIGIO);
    if (pending) {
        signal(SIGIO, SIG_IGN);     // discard it
        signal(SIGIO, SIG_DFL);
    }
    return pending;
}

static void permission(void)
{
    check("owner set by root: root gets SIGIO", sigio_from_uid(0), 1);
    check("owner set by uid 1000: root gets no SIGIO", sigio_from_uid(1000), 0);
}

static void regular_file(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/siglab-sigio_owner-%d", (int)getpid());
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    unlink(path);
    check("/tmp file: F_SETOWN", r(fcntl(fd, F_SETOWN, getpid())), 0);
    check("/tmp file: F_SETFL O_ASYNC succeeds", r(fcntl(fd, F_SETFL, O_ASYNC)), 0);
    check("/tmp file: but O_ASYNC does not stick", (fcntl(fd, F_GETFL) & O_ASYNC) != 0, 0);
    write(fd, "hello", 5);
    pread(fd, path, 5, 0);
    check("/tmp file: writing and reading raised no SIGIO", is_pending(SIGIO), 0);
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (getuid() != 0 || geteuid() != 0) {
        printf("sigio_owner must run as root\n");
        return 1;
    }
    block_sigio();
    pid_t pid = fork();
    if (pid == 0)
        _exit(group_owner());
    int status;
    waitpid(pid, &status, 0);
    check("the process-group checks passed", WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);
    owner_gone();
    bad_input();
    permission();
    regular_file();
    return failures != 0;
}
