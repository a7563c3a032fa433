// signalfd_fork_exec: a signalfd is shared by fork and kept by exec; each reader reads its own signals
// lab: 2
//
// A signalfd's file holds only the mask: a read takes signals from the pending set
// of whoever reads. After fork the child shares the file but reads the signals sent
// to the child, not the parent's (a child starts with none pending). The fd stays
// open across execve (unless SFD_CLOEXEC), and the new program reads, through the
// same number, the signal that was pending across the exec.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static int read_signo(int fd)
{
    struct signalfd_siginfo si;
    ssize_t n = read(fd, &si, sizeof(si));
    return n == sizeof(si) ? (int)si.ssi_signo : -errno;
}

static int after_exec(int fd, int cloexec_fd)
{
    check("after exec: the signalfd is still open", fcntl(fd, F_GETFD), 0);
    check("the SFD_CLOEXEC one is closed", fcntl(cloexec_fd, F_GETFD) == -1 && errno == EBADF, 1);
    check("it reads SIGUSR2, pending across the exec", read_signo(fd), SIGUSR2);
    check("then nothing", read_signo(fd), -EAGAIN);
    return failures != 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 4 && strcmp(argv[1], "after-exec") == 0)
        return after_exec(atoi(argv[2]), atoi(argv[3]));

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK);
    int cloexec_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);

    kill(getpid(), SIGUSR1);
    int go[2], done[2];
    pipe(go);
    pipe(done);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        int empty = read_signo(fd);
        write(done[1], "r", 1);
        read(go[0], &c, 1);     /* the parent has sent us SIGUSR2 */
        int got = read_signo(fd);
        _exit(empty == -EAGAIN && got == SIGUSR2 ? 0 : 1);
    }
    char c;
    read(done[0], &c, 1);
    check("the child found nothing of ours to read (its pending set starts empty)", c, 'r');
    kill(pid, SIGUSR2);
    write(go[1], "g", 1);
    int status;
    waitpid(pid, &status, 0);
    check("the child read its own SIGUSR2 through the shared fd", status, 0);
    check("our SIGUSR1 is still ours to read", read_signo(fd), SIGUSR1);
    check("the child's SIGUSR2 was not ours", read_signo(fd), -EAGAIN);

    kill(getpid(), SIGUSR2);
    char fdarg[16], cfdarg[16];
    snprintf(fdarg, sizeof fdarg, "%d", fd);
    snprintf(cfdarg, sizeof cfdarg, "%d", cloexec_fd);
    char *args[] = { argv[0], "after-exec", fdarg, cfdarg, NULL };
    printf("execing ourselves\n");
    execv(argv[0], args);
    printf("execv failed: %d\n", errno);
    return 1;
}
