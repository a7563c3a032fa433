// pidfd_waitid: waitid(P_PIDFD) on blocking and PIDFD_NONBLOCK pidfds; pidfd_open's bad input
// lab: 2
//
// waitid(P_PIDFD, fd, ...) waits for the child fd refers to, and only for it. On a
// pidfd opened with PIDFD_NONBLOCK the wait does not sleep: with the child still
// running it fails with EAGAIN (WNOHANG given: returns 0). A descriptor that is not
// a pidfd is EBADF, a negative one EINVAL, a pidfd of a process that is not our
// child ECHILD. pidfd_open: flags other than PIDFD_NONBLOCK and pids <= 0 are
// EINVAL, a pid nobody has ESRCH.

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#ifndef PIDFD_NONBLOCK
#define PIDFD_NONBLOCK O_NONBLOCK
#endif

static int pidfd_open(pid_t pid, unsigned flags)
{
    return syscall(SYS_pidfd_open, pid, flags);
}

static pid_t child_exiting(int code, long ms)
{
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(ms);
        _exit(code);
    }
    return pid;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    siginfo_t info;

    pid_t a = child_exiting(1, 100), b = child_exiting(2, 600);
    int fa = pidfd_open(a, 0), fb = pidfd_open(b, PIDFD_NONBLOCK);
    check("PIDFD_NONBLOCK: the pidfd is O_NONBLOCK", (fcntl(fb, F_GETFL) & O_NONBLOCK) != 0, 1);
    errno = 0;
    check("nonblocking pidfd, child running: -1", waitid(P_PIDFD, fb, &info, WEXITED), -1);
    check("EAGAIN", errno, EAGAIN);
    info.si_pid = 1234;
    check("with WNOHANG: 0", waitid(P_PIDFD, fb, &info, WEXITED | WNOHANG), 0);
    check("and si_pid 0", info.si_pid, 0);
    check("blocking pidfd: waits for its child (a, exit 1)", waitid(P_PIDFD, fa, &info, WEXITED), 0);
    check("si_pid is a", info.si_pid, a);
    check("si_status 1", info.si_status, 1);
    check("b is not reaped by that", waitpid(b, NULL, WNOHANG), 0);
    struct pollfd pfd = { fb, POLLIN, 0 };
    check("poll on b's pidfd waits for its exit", poll(&pfd, 1, -1), 1);
    check("b has exited: the nonblocking pidfd reports it", waitid(P_PIDFD, fb, &info, WEXITED), 0);
    check("si_pid is b", info.si_pid, b);
    check("si_status 2", info.si_status, 2);

    int self = pidfd_open(getpid(), 0);
    errno = 0;
    check("waitid on our own pidfd: ECHILD", waitid(P_PIDFD, self, &info, WEXITED) == -1 && errno == ECHILD, 1);
    int p[2];
    pipe(p);
    errno = 0;
    check("a pipe: EBADF", waitid(P_PIDFD, p[0], &info, WEXITED) == -1 && errno == EBADF, 1);
    errno = 0;
    check("a closed descriptor: EBADF", waitid(P_PIDFD, 60, &info, WEXITED) == -1 && errno == EBADF, 1);
    errno = 0;
    check("descriptor -1: EINVAL", waitid(P_PIDFD, -1, &info, WEXITED) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("no event option: EINVAL before the descriptor",
          waitid(P_PIDFD, 60, &info, WNOHANG) == -1 && errno == EINVAL, 1);

    errno = 0;
    check("pidfd_open flags 1: EINVAL", pidfd_open(getpid(), 1) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("pidfd_open flags O_CLOEXEC: EINVAL", pidfd_open(getpid(), O_CLOEXEC) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("pidfd_open pid 0: EINVAL", pidfd_open(0, 0) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("pidfd_open pid -1: EINVAL", pidfd_open(-1, 0) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("pidfd_open of a reaped child: ESRCH", pidfd_open(a, 0) == -1 && errno == ESRCH, 1);
    errno = 0;
    check("bad flags win over a bad pid: EINVAL", pidfd_open(a, 1) == -1 && errno == EINVAL, 1);
    int parent = pidfd_open(getppid(), 0);
    check("our parent can be opened", parent >= 0, 1);
    errno = 0;
    check("read from a pidfd: EINVAL", read(parent, &info, 8) == -1 && errno == EINVAL, 1);
    return failures != 0;
}
