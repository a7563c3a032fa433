// restart_nanosleep: nanosleep fails with EINTR and fills rem, SA_RESTART or not
// lab: 5
//
// nanosleep() interrupted by a caught signal fails with EINTR and writes the
// time still to sleep into *rem (more than 0, less than asked for). SA_RESTART
// does not change that: nanosleep is restarted only when no handler runs
// (restart_stop_cont.c).
//
// Asks for 2 s; a child sends the signal after 100 ms.

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
    struct timespec req = { 2, 0 }, rem = { -1, -1 };
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    handled = 0;
    pid_t pid = signal_later(SIGUSR1);
    errno = 0;
    long r = nanosleep(&req, &rem);
    int err = errno;
    snprintf(what, sizeof what, "%s: nanosleep fails with EINTR", name);
    check(what, r == -1 ? err : 0, EINTR);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
    long left_ms = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
    snprintf(what, sizeof what, "%s: rem is the time left (1 s .. 2 s)", name);
    check(what, left_ms > 1000 && left_ms < 2000, 1);
    snprintf(what, sizeof what, "%s: rem's tv_nsec is normalised", name);
    check(what, rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000, 1);
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
