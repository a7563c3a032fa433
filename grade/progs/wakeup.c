// wakeup (lab 1): a signal wakes the process it is sent to. We sleep in
// sigtimedwait for up to 10 s; a child sends us the signal after DELAY ms, and we
// must be awake long before the 10 s are up. (Whether sigtimedwait then returns
// the signal is lab 2's business: here only the wake-up counts.)
//
// usage: wakeup SIG DELAY

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1), delay = arg(argc, argv, 2);

    set_mask(bit(sig));
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        sleep_ms(delay);
        _exit(kill(parent, sig) == 0 ? 0 : 1);
    }
    // The system call itself: musl's sigtimedwait() would retry after EINTR, which is
    // what an unfinished lab 2 returns.
    kset set = bit(sig);
    struct timespec limit = { 10, 0 };
    long t0 = now_ms();
    long r = syscall(SYS_rt_sigtimedwait, &set, NULL, &limit, sizeof set);
    long slept = now_ms() - t0;
    (void)r;
    printf("woken by %s before the timeout: %s\n", signame(sig), slept < 5000 ? "yes" : "no");
    printf("child %s\n", reap(child, 0));
    return 0;
}
