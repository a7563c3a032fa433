// restart_poll: poll fails with EINTR even with SA_RESTART
// lab: 5
//
// poll() waiting on a pipe is interrupted by a caught signal and fails with
// EINTR even with SA_RESTART, whether it waits forever (-1) or with a timeout
// (5000 ms).
//
// A child sends the signal 100 ms after forking; the pipe stays empty.

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
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

static void round_(const char *name, int flags, int timeout)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    int p[2];
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    pipe(p);
    struct pollfd pfd = { .fd = p[0], .events = POLLIN };
    handled = 0;
    pid_t pid = signal_later(SIGUSR1);
    errno = 0;
    long r = poll(&pfd, 1, timeout);
    int err = errno;
    snprintf(what, sizeof what, "%s: poll fails with EINTR", name);
    check(what, r == -1 ? err : 0, EINTR);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
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
    round_("timeout -1, without SA_RESTART", 0, -1);
    round_("timeout -1, with SA_RESTART", SA_RESTART, -1);
    round_("timeout 5000 ms, without SA_RESTART", 0, 5000);
    round_("timeout 5000 ms, with SA_RESTART", SA_RESTART, 5000);
    return failures != 0;
}
