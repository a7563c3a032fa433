// pidfd_poll_exit: a pidfd polls readable when its process exits; waitid(P_PIDFD) reaps it; then ESRCH
// lab: 2
//
// pidfd_open(pid, 0) gives a close-on-exec descriptor for a process. poll() reports
// nothing while the process runs, POLLIN once it has exited (a zombie; a sleeping
// poll wakes for it), and POLLIN | POLLHUP once it has been reaped. A zombie still
// accepts signals (they are thrown away); waitid(P_PIDFD, fd) reports and reaps it
// like waitid(P_PID, pid); after that pidfd_send_signal and pidfd_open say ESRCH and
// another waitid ECHILD.

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static int pidfd_open(pid_t pid, unsigned flags)
{
    return syscall(SYS_pidfd_open, pid, flags);
}

static int pidfd_send_signal(int fd, int sig, siginfo_t *info, unsigned flags)
{
    return syscall(SYS_pidfd_send_signal, fd, sig, info, flags);
}

static int poll_now(int fd, int timeout_ms)
{
    struct pollfd p = { fd, POLLIN | POLLOUT, 0 };
    int n = poll(&p, 1, timeout_ms);
    return n < 0 ? -errno : p.revents;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int go[2];
    pipe(go);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(go[0], &c, 1);
        sleep_ms(100);
        _exit(5);
    }
    int fd = pidfd_open(pid, 0);
    check("pidfd_open(child, 0) gives a descriptor", fd >= 0, 1);
    check("it is close-on-exec", fcntl(fd, F_GETFD), FD_CLOEXEC);
    check("opened O_RDWR, blocking", fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDWR);
    check("the child runs: poll reports nothing", poll_now(fd, 0), 0);
    check("signal 0 to a running child: 0", pidfd_send_signal(fd, 0, NULL, 0), 0);

    write(go[1], "g", 1);
    check("a sleeping poll wakes when the child exits: POLLIN", poll_now(fd, 5000), POLLIN);
    struct pollfd rd = { fd, POLLRDNORM, 0 };
    check("POLLRDNORM too", poll(&rd, 1, 0) == 1 && rd.revents == POLLRDNORM, 1);
    check("the zombie takes SIGTERM (and drops it): 0", pidfd_send_signal(fd, SIGTERM, NULL, 0), 0);
    int fd2 = pidfd_open(pid, 0);
    check("a zombie can still be opened", fd2 >= 0, 1);

    siginfo_t info = { 0 };
    check("waitid(P_PIDFD, fd, WEXITED): 0", waitid(P_PIDFD, fd, &info, WEXITED), 0);
    check("si_pid is the child", info.si_pid, pid);
    check("si_code CLD_EXITED", info.si_code, CLD_EXITED);
    check("si_status 5 (not SIGTERM: the zombie dropped it)", info.si_status, 5);

    check("reaped: poll says POLLIN | POLLHUP", poll_now(fd, 0), POLLIN | POLLHUP);
    errno = 0;
    check("pidfd_send_signal after the reap: -1", pidfd_send_signal(fd, SIGTERM, NULL, 0), -1);
    check("ESRCH", errno, ESRCH);
    errno = 0;
    check("signal 0 too: ESRCH", pidfd_send_signal(fd2, 0, NULL, 0) == -1 && errno == ESRCH, 1);
    errno = 0;
    check("pidfd_open of the reaped pid: -1", pidfd_open(pid, 0), -1);
    check("ESRCH", errno, ESRCH);
    errno = 0;
    check("waitid(P_PIDFD) again: -1", waitid(P_PIDFD, fd, &info, WEXITED), -1);
    check("ECHILD", errno, ECHILD);
    return failures != 0;
}
