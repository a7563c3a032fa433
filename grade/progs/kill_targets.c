// kill_targets (lab 1): kill(2) finds its targets: one process (pid > 0), the
// caller's process group (0), another group (-pgid); it refuses a pid that does
// not exist (ESRCH) and a signal that does not exist (EINVAL).
//
// usage: kill_targets A B C RT NONCE
//   A goes to the child by pid, B to our own group, C to the child's group, RT to
//   the child by sigqueue. Parent and child block everything, so all stay pending.

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    int a = arg(argc, argv, 1), b = arg(argc, argv, 2), c = arg(argc, argv, 3);
    int rt = arg(argc, argv, 4), nonce = arg(argc, argv, 5);
    int ready[2], go[2];

    setpgid(0, 0);          // a group of our own: kill(0, ...) reaches only us
    set_mask(~0ULL);
    pipe(ready);
    pipe(go);

    // A pid that surely does not exist: a child we already reaped.
    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    wait_for(gone, NULL, 0);

    pid_t child = fork();
    if (child == 0) {
        setpgid(0, 0);
        tell(ready[1]);
        hear(go[0]);
        printf("child pending: %s\n", setstr(get_pending()));
        _exit(0);
    }
    hear(ready[0]);
    errno = 0;
    printf("kill(child, %s) = %s\n", signame(a), result(kill(child, a)));
    errno = 0;
    printf("kill(0, %s) = %s\n", signame(b), result(kill(0, b)));
    errno = 0;
    printf("kill(-child, %s) = %s\n", signame(c), result(kill(-child, c)));
    errno = 0;
    printf("sigqueue(child, %s) = %s\n", signame(rt), result(send_value(child, rt, nonce)));
    errno = 0;
    printf("kill(child, 0) = %s\n", result(kill(child, 0)));
    errno = 0;
    long r = kill(gone, a);
    printf("kill(a pid that is gone, %s) = %s\n", signame(a), result(r));
    errno = 0;
    r = kill(child, 65);
    printf("kill(child, 65) = %s\n", result(r));
    printf("parent pending: %s\n", setstr(get_pending()));
    tell(go[1]);
    printf("child %s\n", reap(child, 0));
    return 0;
}
