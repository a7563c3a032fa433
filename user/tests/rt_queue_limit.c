// rt_queue_limit: RLIMIT_SIGPENDING: sigqueue beyond the limit fails with EAGAIN
// lab: 1
//
// RLIMIT_SIGPENDING caps how many signals can wait in the queue. With the limit
// at 8, eight sigqueue calls succeed and the ninth fails with EAGAIN, whatever
// RT signal it is for. Discarding the queued signals (by ignoring them) gives
// the quota back.
//
// Linux counts queued signals per user, so the test runs in a child with a
// uid of its own: other root processes cannot then hold part of the quota.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define LIMIT 8
#define TEST_UID 54321

static int queue(int sig, int value)
{
    int r = sigqueue(getpid(), sig, (union sigval){ .sival_int = value });
    return r == -1 ? -errno : r;
}

static int run(void)
{
    sigset_t block;
    struct rlimit lim = { LIMIT, LIMIT };

    setuid(TEST_UID);   // best effort: a kernel without users counts per process
    setrlimit(RLIMIT_SIGPENDING, &lim);
    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN);
    sigaddset(&block, SIGRTMIN + 3);
    sigprocmask(SIG_SETMASK, &block, NULL);

    int ok = 0;
    for (int i = 1; i <= LIMIT; i++)
        ok += queue(SIGRTMIN, i) == 0;
    check("eight sigqueue(SIGRTMIN) calls succeed", ok, LIMIT);
    check("ninth sigqueue(SIGRTMIN) gives EAGAIN", queue(SIGRTMIN, 9), -EAGAIN);
    check("sigqueue(SIGRTMIN+3) also gives EAGAIN", queue(SIGRTMIN + 3, 10), -EAGAIN);
    check("SIGRTMIN+3 is not pending", is_pending(SIGRTMIN + 3), 0);

    signal(SIGRTMIN, SIG_IGN);
    check("ignoring SIGRTMIN discarded the queue", is_pending(SIGRTMIN), 0);
    ok = 0;
    for (int i = 1; i <= LIMIT; i++)
        ok += queue(SIGRTMIN + 3, i) == 0;
    check("eight sigqueue(SIGRTMIN+3) calls succeed again", ok, LIMIT);
    check("the ninth gives EAGAIN again", queue(SIGRTMIN + 3, 9), -EAGAIN);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(run());
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
