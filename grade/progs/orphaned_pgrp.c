// orphaned_pgrp (lab 2): SIGTSTP, SIGTTIN and SIGTTOU stop a process only if
// someone could continue it: a parent in another process group of the same
// session. In an orphaned process group they are ignored (POSIX; Linux
// is_current_pgrp_orphaned).
//
// usage: orphaned_pgrp STOPSIG

#include "grade.h"
#include <poll.h>

int main(int argc, char **argv)
{
    grade_start();
    int stop = arg(argc, argv, 1);
    int p[2];
    pipe(p);

    // Not orphaned: a child in its own group, with us (another group) as parent.
    pid_t c = fork();
    if (c == 0) {
        setpgid(0, 0);
        tell(p[1]);
        linger(1000);
    }
    setpgid(c, c);
    hear(p[0]);
    kill(c, stop);
    printf("%s, group not orphaned: child %s\n", signame(stop), reap(c, WUNTRACED));
    kill(c, SIGKILL);
    reap(c, 0);

    // Orphaned: a grandchild alone in its group once its parent has exited (its new
    // parent, init, does not count). It reports on the pipe when it has run 300 ms.
    pid_t middle = fork();
    if (middle == 0) {
        setpgid(0, 0);
        pid_t g = fork();
        if (g == 0) {
            sleep_ms(100);
            sleep_ms(200);
            char msg = 'R';
            write(p[1], &msg, 1);
            linger(1000);
        }
        write(p[1], &g, sizeof g);
        _exit(0);
    }
    pid_t g;
    read(p[0], &g, sizeof g);
    reap(middle, 0);
    sleep_ms(50);
    kill(g, stop);

    struct pollfd pf = { p[0], POLLIN, 0 };
    char msg = 0;
    int ready = poll(&pf, 1, 2000) == 1 && read(p[0], &msg, 1) == 1 && msg == 'R';
    printf("%s, group orphaned: grandchild %s\n", signame(stop),
           ready ? "kept running (ignored it)" : "did not run on (stopped)");

    kill(g, SIGKILL);
    return 0;
}
