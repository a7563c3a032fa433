// restart_stop_cont: stop + continue resumes read, nanosleep, clock_nanosleep, poll unnoticed
// lab: 5
//
// Being stopped (SIGSTOP) and continued (SIGCONT) while blocked in a system
// call runs no handler, so the call is resumed transparently: read() goes on
// waiting and returns the data written later; nanosleep(), clock_nanosleep()
// and poll() with a timeout go on waiting for the rest of their time (through
// restart_syscall), so in total they take what was asked, no less and not that
// plus the time before the stop, and return success (0 for the sleeps, 0 ready
// fds for poll).
//
// A worker child does the blocking call and reports by exit status; this
// process stops it, waits until it has stopped, and continues it.

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum call { READ, NANOSLEEP, CLOCK_NANOSLEEP, POLL };

// The worker sleeps 600 ms; it is stopped after 100 ms and continued 300 ms
// later. Resumed with the time left it takes about 600 ms in all; restarted
// from scratch it would take 1000 ms.
#define SLEEP_MS 600
#define MAX_MS 850

// The worker's exit status: 0 if the call behaved, else a code saying how not.
static int worker(enum call call, int fd)
{
    struct timespec req = { 0, SLEEP_MS * 1000000L }, rem;
    long start = now_ms(), r;
    char c = 0;

    errno = 0;
    switch (call) {
    case READ:
        r = read(fd, &c, 1);
        return r == 1 && c == 'd' ? 0 : errno == EINTR ? 2 : 3;
    case NANOSLEEP:
        r = nanosleep(&req, &rem);
        break;
    case CLOCK_NANOSLEEP:
        r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
        break;
    case POLL: {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        r = poll(&pfd, 1, SLEEP_MS);
        break;
    }
    }
    if (r != 0)
        return errno == EINTR || r == EINTR ? 2 : 3;
    long took = now_ms() - start;
    return took < SLEEP_MS ? 4 : took > MAX_MS ? 5 : 0;
}

static void run(const char *name, enum call call)
{
    int p[2], status;
    char what[96];

    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        signal(SIGCONT, SIG_DFL);
        setpgid(0, 0);
        _exit(worker(call, p[0]));
    }
    setpgid(pid, pid);
    sleep_ms(100);                      // the worker is blocked by now
    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    snprintf(what, sizeof what, "%s: worker stopped", name);
    check(what, WIFSTOPPED(status), 1);
    sleep_ms(300);
    kill(pid, SIGCONT);
    if (call == READ) {
        sleep_ms(100);
        write(p[1], "d", 1);
    }
    waitpid(pid, &status, 0);
    snprintf(what, sizeof what, "%s: resumed transparently and completed", name);
    check(what, WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status), 0);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    run("read", READ);
    run("nanosleep 600 ms", NANOSLEEP);
    run("clock_nanosleep 600 ms", CLOCK_NANOSLEEP);
    run("poll 600 ms", POLL);
    return failures != 0;
}
