// restart_pipe_read: read on an empty pipe: EINTR without SA_RESTART, restarted with it
// lab: 5
//
// A read() blocked on an empty pipe is interrupted by a caught signal. Without
// SA_RESTART it fails with EINTR once the handler has run; with SA_RESTART the
// kernel restarts it transparently and it returns the data that arrives later.
//
// A child sends the signal 100 ms after forking (we are blocked by then) and
// writes one byte 100 ms after that.

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

// 100 ms from now send us `sig`; 100 ms later write `c` to fd.
static pid_t poke_later(int sig, int fd, char c)
{
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(100);
        kill(getppid(), sig);
        sleep_ms(100);
        write(fd, &c, 1);
        _exit(0);
    }
    return pid;
}

static void round_(const char *name, int flags)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    int p[2];
    char c = 0, what[96];

    sigaction(SIGUSR1, &sa, NULL);
    pipe(p);
    handled = 0;
    pid_t pid = poke_later(SIGUSR1, p[1], 'x');
    errno = 0;
    long r = read(p[0], &c, 1);
    int err = errno;
    if (flags & SA_RESTART) {
        snprintf(what, sizeof what, "%s: read restarted and returned the byte", name);
        check(what, r == 1 && c == 'x', 1);
    } else {
        snprintf(what, sizeof what, "%s: read fails with EINTR", name);
        check(what, r == -1 ? err : 0, EINTR);
        snprintf(what, sizeof what, "%s: a second read gets the byte", name);
        check(what, read(p[0], &c, 1) == 1 && c == 'x', 1);
    }
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
    round_("without SA_RESTART", 0);
    round_("with SA_RESTART", SA_RESTART);
    return failures != 0;
}
