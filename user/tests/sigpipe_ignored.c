// sigpipe_ignored: SIGPIPE ignored or blocked: the write fails with EPIPE
// lab: 1
//
// With SIGPIPE ignored, or blocked, a write to a pipe with no reader fails with
// EPIPE and the writer lives; ignored, the SIGPIPE is discarded, blocked it
// stays pending.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "sigtest.h"

static long write_result(int fd)
{
    errno = 0;
    long r = write(fd, "x", 1);
    return r == -1 ? -errno : r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block, empty;
    int p[2];

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pipe(p);
    close(p[0]);

    signal(SIGPIPE, SIG_IGN);
    check("ignored: write gives EPIPE", write_result(p[1]), -EPIPE);
    sigprocmask(SIG_BLOCK, &block, NULL);   // sigpending shows only blocked ones
    check("ignored: SIGPIPE discarded", is_pending(SIGPIPE), 0);

    signal(SIGPIPE, SIG_DFL);
    check("blocked: write gives EPIPE", write_result(p[1]), -EPIPE);
    check("blocked: SIGPIPE pending", is_pending(SIGPIPE), 1);
    signal(SIGPIPE, SIG_IGN);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    printf("writer still alive\n");
    return failures != 0;
}
