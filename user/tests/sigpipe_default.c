// sigpipe_default: writing to a pipe with no reader: SIGPIPE kills (status 141)
// lab: 2
//
// Writing to a pipe whose read end is closed raises SIGPIPE in the writer, and
// its default action kills it (status 128 + 13 = 141, no core). The siginfo is
// that of a kill() by the writer itself: si_code SI_USER, si_pid = the writer.

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block, empty;
    siginfo_t info;
    struct timespec zero = { 0, 0 };
    int p[2], status;

    signal(SIGPIPE, SIG_DFL);
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    pipe(p);
    close(p[0]);

    pid_t pid = fork();
    if (pid == 0) {
        write(p[1], "x", 1);
        _exit(0);
    }
    waitpid(pid, &status, 0);
    check("writer killed by SIGPIPE", WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGPIPE);
    check("no core dump", WCOREDUMP(status) != 0, 0);
    check("status seen by a shell is 141", WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1, 141);

    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    sigprocmask(SIG_BLOCK, &block, NULL);
    write(p[1], "x", 1);
    check("blocked: SIGPIPE dequeued", sigtimedwait(&block, &info, &zero), SIGPIPE);
    check("si_code SI_USER", info.si_code, SI_USER);
    check("si_pid is the writer", info.si_pid == getpid(), 1);
    check("si_uid 0", info.si_uid, 0);
    return failures != 0;
}
