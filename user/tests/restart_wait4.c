// restart_wait4: waitpid: EINTR without SA_RESTART, restarted with it
// lab: 5
//
// waitpid() blocked on a running child is interrupted by a caught signal.
// Without SA_RESTART it fails with EINTR; with SA_RESTART it is restarted and
// returns when the child exits, with its status.
//
// The child sends the signal after 100 ms and exits with 7 100 ms later.

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
    int status = 0;
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    handled = 0;
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(100);
        kill(getppid(), SIGUSR1);
        sleep_ms(100);
        _exit(7);
    }
    errno = 0;
    pid_t r = waitpid(pid, &status, 0);
    int err = errno;
    if (flags & SA_RESTART) {
        snprintf(what, sizeof what, "%s: waitpid restarted and returned the child", name);
        check(what, r == pid, 1);
    } else {
        snprintf(what, sizeof what, "%s: waitpid fails with EINTR", name);
        check(what, r == -1 ? err : 0, EINTR);
        r = waitpid(pid, &status, 0);
    }
    snprintf(what, sizeof what, "%s: child's exit status 7", name);
    check(what, WIFEXITED(status) ? WEXITSTATUS(status) : -1, 7);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    signal(SIGCHLD, SIG_DFL);
    round_("without SA_RESTART", 0);
    round_("with SA_RESTART", SA_RESTART);
    return failures != 0;
}
