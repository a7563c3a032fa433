// system_status: system() runs /bin/sh -c and returns its wait status: an exit code,
// the shell killed by a signal, and a command killed by a signal (the shell reports it)
// lab: 0
//
// Only what both dash (natively) and siglab's own sh do alike: the `exit` builtin,
// `kill -TERM $$`, and a command named with a path. musl and glibc build system() on
// posix_spawn/clone(CLONE_VM|CLONE_VFORK).

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "die") == 0) {
        kill(getpid(), SIGTERM);
        return 1;
    }
    setvbuf(stdout, NULL, _IONBF, 0);

    int st = system("exit 3");
    check("exit 3: exited", WIFEXITED(st), 1);
    check("exit 3: status", WEXITSTATUS(st), 3);

    st = system("kill -TERM $$");
    check("shell killed: signaled", WIFSIGNALED(st), 1);
    check("shell killed: by SIGTERM", WTERMSIG(st), SIGTERM);

    // The shell says "Terminated" on stderr and exits 128 + 15.
    char cmd[256];
    snprintf(cmd, sizeof cmd, "%s die", argv[0]);
    st = system(cmd);
    check("command killed: shell exited", WIFEXITED(st), 1);
    check("command killed: status 128+SIGTERM", WEXITSTATUS(st), 128 + SIGTERM);

    check("system(NULL): a shell exists", system(NULL) != 0, 1);
    return failures != 0;
}
