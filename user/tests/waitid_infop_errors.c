// waitid_infop_errors: waitid writes a zeroed siginfo whenever no child is reported, errors included
// lab: 2
//
// Linux's waitid(2) fills *infop after every call: the child's siginfo if one was
// reported, else zeros (si_signo 0, si_pid 0), also when the call fails with ECHILD,
// EINVAL or EAGAIN. So an infop that cannot be written turns any result into EFAULT,
// even bad options.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static long raw_waitid(int idtype, long id, void *info, int options)
{
    return syscall(SYS_waitid, idtype, id, info, options, NULL);
}

// Did the call write zeros over the first 32 bytes (si_signo .. si_status)?
static int zeroed(const int *w)
{
    for (int i = 0; i < 7; i++)
        if (i != 3 && w[i] != 0)    /* word 3 is padding Linux leaves alone */
            return 0;
    return 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int w[32];
    memset(w, 0xff, sizeof(w));
    errno = 0;
    check("no children: ECHILD", raw_waitid(P_ALL, 0, w, WEXITED) == -1 && errno == ECHILD, 1);
    check("and the siginfo is zeroed", zeroed(w), 1);
    memset(w, 0xff, sizeof(w));
    errno = 0;
    check("no event option: EINVAL", raw_waitid(P_ALL, 0, w, WNOHANG) == -1 && errno == EINVAL, 1);
    check("and the siginfo is zeroed", zeroed(w), 1);
    memset(w, 0xff, sizeof(w));
    errno = 0;
    check("idtype 9: EINVAL", raw_waitid(9, 0, w, WEXITED) == -1 && errno == EINVAL, 1);
    check("and the siginfo is zeroed", zeroed(w), 1);
    errno = 0;
    check("no event option, infop 8: EFAULT",
          raw_waitid(P_ALL, 0, (void *)8, WNOHANG) == -1 && errno == EFAULT, 1);
    errno = 0;
    check("no children, infop 8: EFAULT",
          raw_waitid(P_ALL, 0, (void *)8, WEXITED) == -1 && errno == EFAULT, 1);
    errno = 0;
    check("no children, infop NULL: ECHILD",
          raw_waitid(P_ALL, 0, NULL, WEXITED) == -1 && errno == ECHILD, 1);

    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(200);
        _exit(3);
    }
    int fd = syscall(SYS_pidfd_open, pid, O_NONBLOCK);
    memset(w, 0xff, sizeof(w));
    errno = 0;
    check("nonblocking pidfd, child running: EAGAIN",
          raw_waitid(P_PIDFD, fd, w, WEXITED) == -1 && errno == EAGAIN, 1);
    check("and the siginfo is zeroed", zeroed(w), 1);
    memset(w, 0xff, sizeof(w));
    check("WNOHANG, child running: 0", raw_waitid(P_PID, pid, w, WEXITED | WNOHANG), 0);
    check("and the siginfo is zeroed", zeroed(w), 1);
    check("the child, when it exits: 0", raw_waitid(P_PID, pid, w, WEXITED), 0);
    check("si_signo SIGCHLD", w[0], SIGCHLD);
    check("si_status 3", w[6], 3);
    return failures != 0;
}
