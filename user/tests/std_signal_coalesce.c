// std_signal_coalesce: a standard signal sent three times while blocked is pending once
// lab: 2
//
// A standard (non-RT) signal is a single pending bit. SIGUSR1 sent three times
// while blocked is dequeued once, with the siginfo of the first send; the later
// sends found it pending and were dropped.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    siginfo_t info;
    struct timespec zero = { 0, 0 };

    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_SETMASK, &block, NULL);

    sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 42 });
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);

    check("first sigtimedwait returns SIGUSR1", sigtimedwait(&block, &info, &zero), SIGUSR1);
    check("it is the first send: SI_QUEUE", info.si_code, SI_QUEUE);
    check("with its value", info.si_value.sival_int, 42);
    errno = 0;
    check("second sigtimedwait finds nothing", sigtimedwait(&block, &info, &zero), -1);
    check("EAGAIN", errno, EAGAIN);
    return failures != 0;
}
