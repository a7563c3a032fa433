// restart_nohandler (lab 5): when no handler runs, an interrupted system call
// resumes as if nothing had happened, whatever its restart code. Here the signal
// is SIGSTOP followed by SIGCONT (stopped and continued, nothing to handle), and the
// calls are read() on a pipe and waitpid() for a child.
//
// usage: restart_nohandler NONCE STATUS

#include "grade.h"

// A child that stops us 30 ms from now, continues us 30 ms later, and 30 ms after
// that writes text to fd (if fd >= 0) and exits with status.
static pid_t stop_and_continue(int fd, long text, int status)
{
    pid_t parent = getpid(), c = fork();
    if (c == 0) {
        sleep_ms(30);
        kill(parent, SIGSTOP);
        sleep_ms(30);
        kill(parent, SIGCONT);
        sleep_ms(30);
        if (fd >= 0) {
            char buf[32];
            int n = snprintf(buf, sizeof buf, "%ld", text);
            write(fd, buf, n);
        }
        _exit(status);
    }
    return c;
}

int main(int argc, char **argv)
{
    grade_start();
    long nonce = arg(argc, argv, 1);
    int status = arg(argc, argv, 2);
    int p[2];
    char buf[32];
    pipe(p);

    pid_t c = stop_and_continue(p[1], nonce, 0);
    memset(buf, 0, sizeof buf);
    errno = 0;
    long r = read(p[0], buf, sizeof buf - 1);
    printf("read, stopped and continued: %s, data %s\n", result(r), r > 0 ? buf : "none");
    reap(c, 0);

    c = stop_and_continue(-1, 0, status);
    int st = 0;
    errno = 0;
    r = waitpid(c, &st, 0);
    printf("waitpid, stopped and continued: %s, child %s\n", r == c ? "the child" : result(r),
           r == c ? status_str(st) : "not reaped");
    if (r != c)
        reap(c, 0);
    return 0;
}
