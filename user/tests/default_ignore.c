// default_ignore: SIGCHLD, SIGURG, SIGWINCH, SIGCONT at SIG_DFL do nothing to a running process
// lab: 2
//
// SIGCHLD, SIGURG, SIGWINCH and SIGCONT are ignored by default: sent to a
// running child they do nothing, whether they arrive while it is blocked in
// read() or while they are blocked and then unblocked. The child finishes its
// read and exits normally.

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static const int sigs[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int ready[2], data[2], status;
    char c;

    pipe(ready);
    pipe(data);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t block, empty;
        sigemptyset(&empty);
        sigemptyset(&block);
        for (int i = 0; i < 4; i++) {
            signal(sigs[i], SIG_DFL);
            sigaddset(&block, sigs[i]);
        }
        sigprocmask(SIG_SETMASK, &empty, NULL);
        write(ready[1], "r", 1);
        if (read(data[0], &c, 1) != 1 || c != 'a')     // the signals come during this read
            _exit(2);
        sigprocmask(SIG_SETMASK, &block, NULL);
        write(ready[1], "r", 1);
        if (read(data[0], &c, 1) != 1 || c != 'b')     // and now while blocked
            _exit(3);
        sigprocmask(SIG_SETMASK, &empty, NULL);         // dequeued here: ignored
        _exit(0);
    }

    read(ready[0], &c, 1);
    for (int i = 0; i < 4; i++)
        kill(pid, sigs[i]);
    write(data[1], "a", 1);
    read(ready[0], &c, 1);
    for (int i = 0; i < 4; i++)
        kill(pid, sigs[i]);
    write(data[1], "b", 1);

    waitpid(pid, &status, 0);
    check("child unaffected, exited 0",
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), 0);
    return failures != 0;
}
