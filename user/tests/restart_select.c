// restart_select: select fails with EINTR even with SA_RESTART
// lab: 5
//
// select() waiting on a pipe is interrupted by a caught signal and fails with
// EINTR even with SA_RESTART, with or without a timeout. With a timeout, Linux
// writes the time left back into the timeval (here: less than the 5 s asked
// for, more than 4 s).
//
// The raw select system call (musl passes the kernel a copy of the timeval).
// A child sends the signal 100 ms after forking; the pipe stays empty.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static volatile sig_atomic_t handled;

static void handler(int sig)
{
    (void)sig;
    handled++;
}

static void round_(const char *name, int flags, int timed)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    struct timeval tv = { 5, 0 };
    fd_set rfds;
    int p[2];
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    pipe(p);
    FD_ZERO(&rfds);
    FD_SET(p[0], &rfds);
    handled = 0;
    pid_t pid = signal_later(SIGUSR1);
    errno = 0;
    long r = syscall(SYS_select, p[0] + 1, &rfds, NULL, NULL, timed ? &tv : NULL);
    int err = errno;
    snprintf(what, sizeof what, "%s: select fails with EINTR", name);
    check(what, r == -1 ? err : 0, EINTR);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
    if (timed) {
        long left = tv.tv_sec * 1000000 + tv.tv_usec;
        snprintf(what, sizeof what, "%s: timeval now holds the time left (4 s .. 5 s)", name);
        check(what, left > 4000000 && left < 5000000, 1);
    }
    waitpid(pid, NULL, 0);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    round_("no timeout, without SA_RESTART", 0, 0);
    round_("no timeout, with SA_RESTART", SA_RESTART, 0);
    round_("5 s timeout, without SA_RESTART", 0, 1);
    round_("5 s timeout, with SA_RESTART", SA_RESTART, 1);
    return failures != 0;
}
