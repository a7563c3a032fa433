// signalfd_poll: poll and select report a signalfd readable while a signal of its mask is pending
// lab: 2
//
// A signalfd is readable (POLLIN, select's read set) exactly while the polling
// process has a signal of the fd's mask pending; other pending signals do not
// count. A poll that sleeps wakes up when such a signal arrives, though the signal
// is blocked and so would not interrupt the sleep by itself. Reading takes the signal
// and the fd is no longer readable.

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static int poll_now(int fd, int timeout_ms)
{
    struct pollfd p = { fd, POLLIN | POLLOUT, 0 };
    int n = poll(&p, 1, timeout_ms);
    return n < 0 ? -errno : p.revents;
}

static int select_now(int fd)
{
    fd_set in;
    FD_ZERO(&in);
    FD_SET(fd, &in);
    struct timeval tv = { 0, 0 };
    int n = select(fd + 1, &in, NULL, NULL, &tv);
    return n == 1 && FD_ISSET(fd, &in);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    sigdelset(&mask, SIGUSR2);
    int fd = signalfd(-1, &mask, 0);

    check("nothing pending: poll reports nothing", poll_now(fd, 0), 0);
    check("nothing pending: select says not readable", select_now(fd), 0);
    kill(getpid(), SIGUSR2);
    check("SIGUSR2 (not in the mask) pending: still nothing", poll_now(fd, 0), 0);
    kill(getpid(), SIGUSR1);
    check("SIGUSR1 pending: POLLIN (and never POLLOUT)", poll_now(fd, 0), POLLIN);
    check("select says readable", select_now(fd), 1);

    struct signalfd_siginfo si;
    check("read takes it", read(fd, &si, sizeof(si)), sizeof(si));
    check("after the read: nothing again", poll_now(fd, 0), 0);

    pid_t child = signal_later(SIGUSR1);
    check("a sleeping poll wakes for a blocked SIGUSR1: POLLIN", poll_now(fd, 5000), POLLIN);
    check("it is SIGUSR1", read(fd, &si, sizeof(si)) == sizeof(si) && si.ssi_signo == SIGUSR1, 1);
    check("sent by the child", (pid_t)si.ssi_pid, child);
    waitpid(child, NULL, 0);

    child = signal_later(SIGUSR1);
    fd_set in;
    FD_ZERO(&in);
    FD_SET(fd, &in);
    struct timeval tv = { 5, 0 };
    check("a sleeping select wakes too", select(fd + 1, &in, NULL, NULL, &tv), 1);
    check("with the fd readable", FD_ISSET(fd, &in) != 0, 1);
    check("read takes that one", read(fd, &si, sizeof(si)), sizeof(si));
    waitpid(child, NULL, 0);
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    int fd2 = signalfd(-1, &usr2, 0);
    check("a second signalfd, on the still pending SIGUSR2: POLLIN", poll_now(fd2, 0), POLLIN);
    check("the first is not readable", poll_now(fd, 0), 0);
    return failures != 0;
}
