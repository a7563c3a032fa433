// nanosleep_restart (lab 5): nanosleep returns -ERESTART_RESTARTBLOCK when a signal
// interrupts it. Without a handler (stopped, then continued) the kernel restarts it
// through restart_syscall, which sleeps only the time that was left: the sleep ends
// when it was due, not a whole period after the SIGCONT. With a handler it fails with
// EINTR, even under SA_RESTART, and *rem says how much was left.
//
// usage: nanosleep_restart MS SIG
//   MS is the sleep; the interruption comes after 50 ms (the stop lasts 100 ms).

#include "grade.h"

static void handler(int sig)
{
    (void)sig;
}

int main(int argc, char **argv)
{
    grade_start();
    long ms = arg(argc, argv, 1);
    int sig = arg(argc, argv, 2);
    pid_t parent = getpid();

    pid_t c = fork();
    if (c == 0) {
        sleep_ms(50);
        kill(parent, SIGSTOP);
        sleep_ms(100);
        kill(parent, SIGCONT);
        _exit(0);
    }
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L }, rem = { 0, 0 };
    long t0 = now_ms();
    errno = 0;
    long r = nanosleep(&t, &rem);
    long slept = now_ms() - t0;
    printf("nanosleep(%ld ms), stopped and continued: %s\n", ms, result(r));
    printf("it ended when due (%ld ms), not %ld ms after the SIGCONT: %s\n", ms, ms,
           slept >= ms && slept < ms + 100 ? "yes" : "no");
    reap(c, 0);

    on(sig, handler, SA_RESTART, 0);
    c = fork();
    if (c == 0) {
        sleep_ms(50);
        kill(parent, sig);
        _exit(0);
    }
    errno = 0;
    r = nanosleep(&t, &rem);
    long left = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
    printf("nanosleep(%ld ms) with an SA_RESTART handler: %s\n", ms, result(r));
    printf("time left in *rem is about %ld ms: %s\n", ms - 50, r < 0 && left > ms - 80 && left <= ms - 50 ? "yes" : "no");
    reap(c, 0);
    return 0;
}
