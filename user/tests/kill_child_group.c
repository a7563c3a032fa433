// kill_child_group: kill(-pgid) reaches every member of that group and no one else
// lab: 1
//
// kill(-pgid, sig) sends to every member of process group pgid: a child made
// group leader and its own child both get SIGTERM, while we, outside the group,
// do not. kill() of a group with no members left is ESRCH.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

// The group leader and its member both keep SIGTERM blocked. The member
// looks only after the parent's "go", which comes after the kill; the leader
// looks after the member is done.
static int leader(int ready, int go)
{
    int status;

    pid_t member = fork();
    if (member == 0) {
        char c;
        write(ready, "r", 1);
        read(go, &c, 1);
        _exit(is_pending(SIGTERM));
    }
    waitpid(member, &status, 0);
    check("group member has SIGTERM pending", WEXITSTATUS(status), 1);
    check("group leader has SIGTERM pending", is_pending(SIGTERM), 1);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int ready[2], go[2], status;
    char c;

    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_SETMASK, &block, NULL);
    pipe(ready);
    pipe(go);

    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        _exit(leader(ready[1], go[0]));
    }
    setpgid(pid, pid);      // both sides, so the group exists whoever runs first
    read(ready[0], &c, 1);  // the member exists, in the leader's group

    int r = kill(-pid, SIGTERM);
    write(go[1], "g", 1);
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        failures++;
    check("kill(-pgid, SIGTERM) returned 0", r, 0);
    check("we are outside the group: nothing pending here", is_pending(SIGTERM), 0);

    errno = 0;
    check("kill of the now empty group fails", kill(-pid, SIGTERM), -1);
    check("with ESRCH", errno, ESRCH);
    return failures != 0;
}
