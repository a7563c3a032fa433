// restart_pause: pause always fails with EINTR, SA_RESTART or not
// lab: 5
//
// pause() returns only through a signal handler, and then always fails with
// EINTR: it is never restarted, SA_RESTART or not.
//
// A child sends the signal 100 ms after forking.

#include <errno.h>
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

static void round_(const char *name, int flags)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    handled = 0;
    pid_t pid = signal_later(SIGUSR1);
    errno = 0;
    long r = pause();
    int err = errno;
    snprintf(what, sizeof what, "%s: pause fails with EINTR", name);
    check(what, r == -1 ? err : 0, EINTR);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
    waitpid(pid, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    round_("without SA_RESTART", 0);
    round_("with SA_RESTART", SA_RESTART);
    return failures != 0;
}
