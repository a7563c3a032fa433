// signalfd_mask_change: signalfd4 on an existing signalfd replaces its mask
// lab: 2
//
// Calling signalfd again with the fd (not -1) gives the same fd back with a new
// mask: the signals it reads change at once, and SIGKILL and SIGSTOP in a mask are
// quietly left out. A descriptor that is not a signalfd is EINVAL, one that is not
// open EBADF. The flags: SFD_CLOEXEC sets FD_CLOEXEC, SFD_NONBLOCK sets O_NONBLOCK
// (and fcntl can clear it), anything else is EINVAL; so is a sigset size other than 8,
// and a bad mask pointer is EFAULT.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

static long raw_signalfd4(int fd, const void *mask, long size, int flags)
{
    return syscall(SYS_signalfd4, fd, mask, size, flags);
}

static int read_one(int fd)
{
    struct signalfd_siginfo si;
    ssize_t n = read(fd, &si, sizeof(si));
    return n == sizeof(si) ? (int)si.ssi_signo : -errno;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t all, usr1, usr2;
    sigemptyset(&all);
    sigaddset(&all, SIGUSR1);
    sigaddset(&all, SIGUSR2);
    sigprocmask(SIG_BLOCK, &all, NULL);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);

    int fd = signalfd(-1, &usr1, SFD_NONBLOCK | SFD_CLOEXEC);
    check("a new signalfd", fd >= 0, 1);
    check("SFD_CLOEXEC: FD_CLOEXEC", fcntl(fd, F_GETFD), FD_CLOEXEC);
    check("SFD_NONBLOCK: O_NONBLOCK", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0, 1);
    check("opened for reading and writing", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);

    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR2);
    check("mask {SIGUSR1}: reads SIGUSR1", read_one(fd), SIGUSR1);
    check("then nothing: EAGAIN (SIGUSR2 is not in the mask)", read_one(fd), -EAGAIN);
    check("signalfd(fd, {SIGUSR2}) returns fd", signalfd(fd, &usr2, 0), fd);
    check("now it reads SIGUSR2", read_one(fd), SIGUSR2);
    check("the flags argument of a change is ignored: still nonblocking", read_one(fd), -EAGAIN);

    sigset_t kill_stop;
    sigemptyset(&kill_stop);
    sigaddset(&kill_stop, SIGKILL);
    sigaddset(&kill_stop, SIGSTOP);
    sigaddset(&kill_stop, SIGUSR1);
    check("a mask with SIGKILL and SIGSTOP is accepted", signalfd(fd, &kill_stop, 0), fd);
    kill(getpid(), SIGUSR1);
    check("it reads SIGUSR1", read_one(fd), SIGUSR1);

    int p[2];
    pipe(p);
    errno = 0;
    check("signalfd(pipe fd, ...): -1", signalfd(p[0], &usr1, 0), -1);
    check("EINVAL", errno, EINVAL);
    errno = 0;
    check("signalfd(closed fd, ...): -1", signalfd(50, &usr1, 0), -1);
    check("EBADF", errno, EBADF);
    errno = 0;
    check("signalfd(-2, ...): -1", signalfd(-2, &usr1, 0), -1);
    check("EBADF", errno, EBADF);

    uint64_t m = BIT(SIGUSR1);
    errno = 0;
    check("flags 1: -1", raw_signalfd4(-1, &m, 8, 1), -1);
    check("EINVAL", errno, EINVAL);
    errno = 0;
    check("flags O_APPEND: -1", raw_signalfd4(-1, &m, 8, O_APPEND), -1);
    check("EINVAL", errno, EINVAL);
    errno = 0;
    check("sizemask 4: -1", raw_signalfd4(-1, &m, 4, 0), -1);
    check("EINVAL", errno, EINVAL);
    errno = 0;
    check("sizemask 16: -1", raw_signalfd4(-1, &m, 16, 0), -1);
    check("EINVAL", errno, EINVAL);
    errno = 0;
    check("mask at address 8: -1", raw_signalfd4(-1, (void *)8, 8, 0), -1);
    check("EFAULT", errno, EFAULT);
    errno = 0;
    check("bad sizemask wins over a bad pointer: EINVAL",
          raw_signalfd4(-1, (void *)8, 4, 0) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("a bad pointer wins over bad flags: EFAULT",
          raw_signalfd4(-1, (void *)8, 8, 1) == -1 && errno == EFAULT, 1);
    errno = 0;
    check("the old call, signalfd (282), with sizemask 4: EINVAL",
          syscall(SYS_signalfd, -1, &m, 4) == -1 && errno == EINVAL, 1);
    int fd2 = syscall(SYS_signalfd, -1, &m, 8);
    check("signalfd (282) makes a blocking, inheritable fd",
          fd2 >= 0 && fcntl(fd2, F_GETFD) == 0 && !(fcntl(fd2, F_GETFL) & O_NONBLOCK), 1);
    errno = 0;
    check("write to a signalfd: -1", write(fd2, "x", 1), -1);
    check("EINVAL", errno, EINVAL);

    check("fcntl clears O_NONBLOCK", fcntl(fd, F_SETFL, 0), 0);
    check("then fcntl sets it again", fcntl(fd, F_SETFL, O_NONBLOCK), 0);
    check("and a read says EAGAIN", read_one(fd), -EAGAIN);
    return failures != 0;
}
