// alarm_remaining: alarm() returns the seconds left on the previous alarm; expiry sends SIGALRM
// lab: 1
//
// alarm(n) returns the seconds left on the previous alarm (rounded to the
// nearest second, and never 0 while one is pending), alarm(0) cancels, a
// fork()ed child does not inherit the alarm, and when it expires SIGALRM is
// sent (we keep it blocked and watch it become pending).
//
// The raw alarm system call, not musl's alarm() (which is built on setitimer
// and rounds differently).

#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static long raw_alarm(unsigned seconds)
{
    return syscall(SYS_alarm, seconds);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int status;

    signal(SIGALRM, SIG_DFL);
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_SETMASK, &block, NULL);

    check("alarm(0) with no alarm returns 0", raw_alarm(0), 0);
    check("alarm(5) returns 0", raw_alarm(5), 0);
    check("alarm(3) right after returns 5 (4.99.. rounds up)", raw_alarm(3), 5);

    pid_t pid = fork();
    if (pid == 0)
        _exit(raw_alarm(0));
    waitpid(pid, &status, 0);
    check("child has no alarm: its alarm(0) returned 0", WEXITSTATUS(status), 0);

    check("alarm(0) cancels and returns 3", raw_alarm(0), 3);
    check("alarm(0) again returns 0", raw_alarm(0), 0);

    check("alarm(1) returns 0", raw_alarm(1), 0);
    check("SIGALRM not pending yet", is_pending(SIGALRM), 0);
    struct timespec tick = { 0, 10000000 };
    int ticks = 0;
    while (!is_pending(SIGALRM) && ticks < 300) {
        nanosleep(&tick, NULL);
        ticks++;
    }
    check("SIGALRM pending within 3 s", is_pending(SIGALRM), 1);
    check("it took at least 0.5 s", ticks >= 50, 1);
    check("alarm(0) after it fired returns 0", raw_alarm(0), 0);
    signal(SIGALRM, SIG_IGN);
    return failures != 0;
}
