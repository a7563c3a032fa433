// kill_own_group: kill(0) reaches every member of the caller's group, the caller included
// lab: 1
//
// kill(0, sig) sends to every process in the caller's process group, the caller
// included, and to no one outside it.
//
// A child makes itself a group leader (setpgid(0, 0)) and forks two members;
// the test's main process stays outside that group. Everyone keeps SIGUSR1
// blocked and reports whether it is pending.

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static int leader(void)
{
    int ready[2], go[2], status;
    char c;
    pid_t members[2];

    setpgid(0, 0);
    pipe(ready);
    pipe(go);
    for (int i = 0; i < 2; i++) {
        members[i] = fork();
        if (members[i] == 0) {
            write(ready[1], "r", 1);
            read(go[0], &c, 1);
            _exit(is_pending(SIGUSR1));
        }
        read(ready[0], &c, 1);
    }

    int r = kill(0, SIGUSR1);
    write(go[1], "gg", 2);
    check("kill(0, SIGUSR1) returns 0", r, 0);
    check("the caller itself has it pending", is_pending(SIGUSR1), 1);
    for (int i = 0; i < 2; i++) {
        waitpid(members[i], &status, 0);
        check(i == 0 ? "first member has it pending" : "second member has it pending",
              WEXITSTATUS(status), 1);
    }
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int status;

    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_SETMASK, &block, NULL);

    pid_t pid = fork();
    if (pid == 0)
        _exit(leader());
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        failures++;
    check("process outside the group has nothing pending", is_pending(SIGUSR1), 0);
    return failures != 0;
}
