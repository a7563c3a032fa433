// fork_rlimit_nproc: fork fails with EAGAIN once the user owns RLIMIT_NPROC processes
// lab: 2
//
// RLIMIT_NPROC counts the processes of the caller's real user, zombies included,
// and is not applied to root. A child takes a uid no other process has and sets
// the limit to 3: it is one process, so two forks work and the third says
// EAGAIN. (siglab once kept the limit without ever checking it.) Root, with the
// same limit, is not held to it.

#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define TEST_UID 54329

// Fork children that wait on the pipe; how many forks worked before one failed
// (at most 5), and the failure's errno in *err.
static int fork_until_failure(int release[2], int *err)
{
    int n = 0;
    *err = 0;
    while (n < 5) {
        pid_t pid = fork();
        if (pid == 0) {
            char c;
            close(release[1]);
            read(release[0], &c, 1);
            _exit(0);
        }
        if (pid < 0) {
            *err = errno;
            break;
        }
        n++;
    }
    return n;
}

static void release_and_reap(int release[2])
{
    close(release[1]);
    while (wait(NULL) > 0)
        ;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit lim = { 3, 3 };
    int release[2], err, status;

    pipe(release);
    pid_t root_child = fork();
    if (root_child == 0) {
        setrlimit(RLIMIT_NPROC, &lim);
        int n = fork_until_failure(release, &err);
        release_and_reap(release);
        _exit(n);
    }
    close(release[0]);
    close(release[1]);      // the grandchildren wait for every write end to close
    waitpid(root_child, &status, 0);
    check("root with RLIMIT_NPROC 3: all 5 forks work", WEXITSTATUS(status), 5);

    pipe(release);
    pid_t user_child = fork();
    if (user_child == 0) {
        setuid(TEST_UID);
        setrlimit(RLIMIT_NPROC, &lim);
        int n = fork_until_failure(release, &err);
        check("uid 54329 with RLIMIT_NPROC 3: 2 forks work", n, 2);
        check("the third: EAGAIN", err, EAGAIN);
        release_and_reap(release);
        _exit(failures != 0);
    }
    close(release[0]);
    close(release[1]);
    waitpid(user_child, &status, 0);
    return failures != 0 || status != 0;
}
