// fcntl_dup3: fcntl F_GETFL/F_SETFL (access mode, O_APPEND, O_NONBLOCK), F_GETFD/
// F_SETFD (an open()ed file shows O_LARGEFILE), F_DUPFD takes the lowest free
// descriptor at or above its argument (EINVAL from RLIMIT_NOFILE on),
// F_DUPFD_CLOEXEC; dup3 refuses the same descriptor and unknown flags with EINVAL;
// a descriptor opened O_CLOEXEC is closed by execve, one without it survives.
// lab: 0

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "sigtest.h"

static int after_exec(char **argv)
{
    int keep = atoi(argv[2]), gone = atoi(argv[3]);
    check("plain fd survives execve", fcntl(keep, F_GETFD), 0);
    check("O_CLOEXEC fd closed by execve", fcntl(gone, F_GETFD) == -1 && errno == EBADF, 1);
    return failures != 0 || atoi(argv[4]) != 0;     // argv[4]: failures before execve
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1)
        return after_exec(argv);

    int fd = open("/dev/null", O_WRONLY);
    // 64-bit Linux's open adds O_LARGEFILE (0100000), and F_GETFL shows it.
    check("F_GETFL after open", fcntl(fd, F_GETFL), 0100000 | O_WRONLY);
    check("F_SETFL O_APPEND|O_NONBLOCK", fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK), 0);
    check("F_GETFL shows them", fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK | O_ACCMODE),
          O_APPEND | O_NONBLOCK | O_WRONLY);
    check("F_SETFL cannot change the access mode", fcntl(fd, F_SETFL, O_RDWR), 0);
    check("still O_WRONLY", fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);

    int p[2];
    pipe(p);
    check("pipe read end F_GETFL", fcntl(p[0], F_GETFL), O_RDONLY);
    check("pipe write end F_GETFL", fcntl(p[1], F_GETFL), O_WRONLY);
    check("F_GETFD initially", fcntl(p[0], F_GETFD), 0);
    check("F_SETFD FD_CLOEXEC", fcntl(p[0], F_SETFD, FD_CLOEXEC), 0);
    check("F_GETFD after", fcntl(p[0], F_GETFD), FD_CLOEXEC);

    check("F_DUPFD 20", fcntl(fd, F_DUPFD, 20), 20);
    check("F_DUPFD 20 again", fcntl(fd, F_DUPFD, 20), 21);
    check("dup has no FD_CLOEXEC", fcntl(20, F_GETFD), 0);
    check("F_DUPFD_CLOEXEC", fcntl(fd, F_DUPFD_CLOEXEC, 20), 22);
    check("its FD_CLOEXEC", fcntl(22, F_GETFD), FD_CLOEXEC);
    fcntl(fd, F_SETFL, O_APPEND);
    check("dups share flags", fcntl(20, F_GETFL) & O_APPEND, O_APPEND);
    check("F_DUPFD bad fd", fcntl(99, F_DUPFD, 0) == -1 && errno == EBADF, 1);
    check("F_DUPFD -1", fcntl(fd, F_DUPFD, -1) == -1 && errno == EINVAL, 1);
    check("unknown cmd", fcntl(fd, 12345) == -1 && errno == EINVAL, 1);
    struct rlimit rl, few;
    getrlimit(RLIMIT_NOFILE, &rl);
    few = (struct rlimit){ 16, rl.rlim_max };      // only the soft limit: we can raise it back
    setrlimit(RLIMIT_NOFILE, &few);
    check("F_DUPFD at RLIMIT_NOFILE", fcntl(fd, F_DUPFD, 16) == -1 && errno == EINVAL, 1);
    setrlimit(RLIMIT_NOFILE, &rl);

    // The raw call: musl's dup3 checks some of this itself.
    check("dup3 same fd", syscall(SYS_dup3, fd, fd, 0) == -1 && errno == EINVAL, 1);
    check("dup3 bad flags", syscall(SYS_dup3, fd, 30, 1) == -1 && errno == EINVAL, 1);
    check("dup3 O_CLOEXEC", dup3(fd, 30, O_CLOEXEC), 30);
    check("dup3 sets FD_CLOEXEC", fcntl(30, F_GETFD), FD_CLOEXEC);
    check("dup2 same fd", dup2(fd, fd), fd);
    check("dup2 clears FD_CLOEXEC", dup2(fd, 30) == 30 && fcntl(30, F_GETFD) == 0, 1);

    int keep = open("/dev/null", O_RDONLY);
    int gone = open("/dev/null", O_RDONLY | O_CLOEXEC);
    check("O_CLOEXEC sets FD_CLOEXEC", fcntl(gone, F_GETFD), FD_CLOEXEC);
    char k[16], g[16], f[16];
    snprintf(k, sizeof k, "%d", keep);
    snprintf(g, sizeof g, "%d", gone);
    snprintf(f, sizeof f, "%d", failures);
    char *args[] = { argv[0], "child", k, g, f, NULL };
    char *env[] = { "SIGLAB_TEST=1", NULL };
    execve(argv[0], args, env);
    printf("execve failed: %s\n", strerror(errno));
    return 1;
}
