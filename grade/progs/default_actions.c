// default_actions (lab 2): what a signal does when nobody catches it. A terminating
// signal kills; a core-dumping one kills with the core bit (when RLIMIT_CORE allows a
// dump); SIGKILL kills even a process that blocks everything; a signal whose default
// is "ignore" is dequeued and dropped.
//
// usage: default_actions TERM CORE IGNORED STATUS

#include "grade.h"

static pid_t start(int ready_fd, rlim_t core, kset mask)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = { core, core };
        setrlimit(RLIMIT_CORE, &rl);
        set_mask(mask);
        tell(ready_fd);
        linger(1000);
    }
    return pid;
}

int main(int argc, char **argv)
{
    grade_start();
    int term = arg(argc, argv, 1), core = arg(argc, argv, 2), ignored = arg(argc, argv, 3);
    int status = arg(argc, argv, 4);
    int ready[2];
    pipe(ready);

    pid_t c = start(ready[1], 0, 0);
    hear(ready[0]);
    kill(c, term);
    printf("%s: child %s\n", signame(term), reap(c, 0));

    c = start(ready[1], 1 << 20, 0);
    hear(ready[0]);
    kill(c, core);
    printf("%s with RLIMIT_CORE 1 MiB: child %s\n", signame(core), reap(c, 0));

    c = start(ready[1], 0, 0);
    hear(ready[0]);
    kill(c, core);
    printf("%s with RLIMIT_CORE 0: child %s\n", signame(core), reap(c, 0));

    c = start(ready[1], 0, ~0ULL);
    hear(ready[0]);
    kill(c, SIGKILL);
    printf("SIGKILL, everything blocked: child %s\n", reap(c, 0));

    // Pending while blocked, then unblocked: dequeued, and its default is to ignore.
    c = fork();
    if (c == 0) {
        signal(ignored, SIG_DFL);
        set_mask(bit(ignored));
        kill(getpid(), ignored);
        int was = (get_pending() & bit(ignored)) != 0;
        set_mask(0);
        _exit(was ? status : 1);
    }
    printf("%s pending, then unblocked: child %s\n", signame(ignored), reap(c, 0));
    return 0;
}
