// kill_pid: kill(pid) makes the signal pending in exactly that process
// lab: 1
//
// kill(pid > 0, sig) makes sig pending in exactly that process: the target
// child (which keeps it blocked) sees it in sigpending, a second child does
// not, and neither do we.

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

// A child that tells us it is ready, waits for "go", and exits with 1 if
// SIGUSR1 is pending in it, 0 if not.
static pid_t child(int ready, int go)
{
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        write(ready, "r", 1);
        read(go, &c, 1);
        _exit(is_pending(SIGUSR1));
    }
    return pid;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int ready[2], go[2], status;
    char c;

    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_SETMASK, &block, NULL);     // children inherit the mask
    pipe(ready);
    pipe(go);

    pid_t target = child(ready[1], go[0]);
    pid_t other = child(ready[1], go[0]);
    read(ready[0], &c, 1);
    read(ready[0], &c, 1);

    check("kill(target, SIGUSR1) returns 0", kill(target, SIGUSR1), 0);
    write(go[1], "gg", 2);
    waitpid(target, &status, 0);
    check("target has SIGUSR1 pending", WEXITSTATUS(status), 1);
    waitpid(other, &status, 0);
    check("other child has nothing pending", WEXITSTATUS(status), 0);
    check("sender has nothing pending", is_pending(SIGUSR1), 0);
    return failures != 0;
}
