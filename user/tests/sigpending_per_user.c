// sigpending_per_user: RLIMIT_SIGPENDING counts the signals queued for one user
// (the receiver's real uid) across all of that user's processes, not everyone's
// lab: 1
//
// With the limit at 4, a process of uid 54340 queues four real-time signals to
// itself and keeps them pending. Another process of the same uid then finds the
// quota used up (EAGAIN at once), while a process of uid 54341 still queues four.
// Once the first process exits, its entries are given back. The uids are unusual so
// that nothing else on the host holds part of their quota. The test must start as
// root (CI runs it so).

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define LIMIT 4
#define USER_A 54340
#define USER_B 54341

// As uid UID with the limit at LIMIT: how many of LIMIT + 1 sigqueue calls to
// itself succeed (SIGRTMIN blocked, so they stay queued)?
static int queue_as(uid_t uid)
{
    struct rlimit lim = { LIMIT, LIMIT };
    sigset_t block;
    setresuid(uid, uid, uid);
    setrlimit(RLIMIT_SIGPENDING, &lim);
    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &block, NULL);
    int ok = 0;
    for (int i = 0; i <= LIMIT; i++)
        ok += sigqueue(getpid(), SIGRTMIN, (union sigval){ i }) == 0;
    return ok;
}

// A child that queues as UID and reports the count; if HOLD, it then waits (its
// signals still queued) until we close the pipe.
static pid_t child_queue(uid_t uid, int result[2], int hold[2])
{
    pid_t pid = fork();
    if (pid == 0) {
        char n = (char)queue_as(uid), c;
        write(result[1], &n, 1);
        if (hold) {
            close(hold[1]);
            read(hold[0], &c, 1);
        }
        _exit(0);
    }
    return pid;
}

static int count_from(int result[2])
{
    char n = -1;
    read(result[0], &n, 1);
    return n;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (getuid() != 0 || geteuid() != 0) {
        printf("sigpending_per_user must run as root\n");
        return 1;
    }
    int result[2], hold[2];
    pipe(result);
    pipe(hold);
    pid_t holder = child_queue(USER_A, result, hold);
    check("uid A: four of five sigqueue calls succeed", count_from(result), LIMIT);

    pid_t other = child_queue(USER_A, result, NULL);
    check("another process of uid A: the quota is used up", count_from(result), 0);
    waitpid(other, NULL, 0);

    other = child_queue(USER_B, result, NULL);
    check("a process of uid B has a quota of its own", count_from(result), LIMIT);
    waitpid(other, NULL, 0);

    close(hold[1]);                 // the holder exits, its signals go with it
    waitpid(holder, NULL, 0);
    other = child_queue(USER_A, result, NULL);
    check("after the holder's exit uid A queues four again", count_from(result), LIMIT);
    waitpid(other, NULL, 0);
    return failures != 0;
}
