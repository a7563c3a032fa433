// restart_pipe_write: write to a full pipe: EINTR without SA_RESTART, restarted with it
// lab: 5
//
// A write() blocked on a full pipe (nothing written yet) is interrupted by a
// caught signal. Without SA_RESTART it fails with EINTR; with SA_RESTART it is
// restarted and completes once the reader makes room.
//
// We fill the pipe with non-blocking writes, then block writing 100 more
// bytes. A child sends the signal after 100 ms and starts draining the pipe
// 100 ms after that, reading until end of file.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
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

static char buf[4096];

static void round_(const char *name, int flags)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    int p[2], status;
    long filled = 0, r;
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    pipe(p);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    while ((r = write(p[1], buf, sizeof buf)) > 0)     // big pieces, then
        filled += r;
    while ((r = write(p[1], buf, 1)) > 0)               // not one byte more
        filled += r;
    fcntl(p[1], F_SETFL, 0);

    handled = 0;
    pid_t pid = fork();
    if (pid == 0) {
        long total = 0;
        close(p[1]);
        sleep_ms(100);
        kill(getppid(), SIGUSR1);
        sleep_ms(100);
        while ((r = read(p[0], buf, sizeof buf)) > 0)
            total += r;
        // Exit 1 if we got exactly what was filled, 2 if that plus 100.
        _exit(total == filled ? 1 : total == filled + 100 ? 2 : 3);
    }
    close(p[0]);
    errno = 0;
    r = write(p[1], buf, 100);
    int err = errno;
    close(p[1]);
    waitpid(pid, &status, 0);
    if (flags & SA_RESTART) {
        snprintf(what, sizeof what, "%s: write restarted and wrote all 100 bytes", name);
        check(what, r, 100);
        snprintf(what, sizeof what, "%s: the reader got them", name);
        check(what, WEXITSTATUS(status), 2);
    } else {
        snprintf(what, sizeof what, "%s: write fails with EINTR", name);
        check(what, r == -1 ? err : 0, EINTR);
        snprintf(what, sizeof what, "%s: nothing of it reached the reader", name);
        check(what, WEXITSTATUS(status), 1);
    }
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    signal(SIGPIPE, SIG_IGN);
    memset(buf, 'w', sizeof buf);
    round_("without SA_RESTART", 0);
    round_("with SA_RESTART", SA_RESTART);
    return failures != 0;
}
