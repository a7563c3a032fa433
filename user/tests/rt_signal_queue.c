// rt_signal_queue: RT signals queue: three sends, three dequeues with their values
// lab: 2
//
// Real-time signals queue. SIGRTMIN sent three times with sigqueue while
// blocked is dequeued three times, in the order sent, each with its own
// si_value; it stays pending until the last one is taken.

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
    char what[64];

    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN);
    sigprocmask(SIG_SETMASK, &block, NULL);

    for (int v = 100; v <= 300; v += 100)
        sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = v });

    for (int v = 100; v <= 300; v += 100) {
        snprintf(what, sizeof what, "dequeue #%d is SIGRTMIN", v / 100);
        check(what, sigtimedwait(&block, &info, &zero), SIGRTMIN);
        snprintf(what, sizeof what, "dequeue #%d carries %d", v / 100, v);
        check(what, info.si_value.sival_int, v);
        snprintf(what, sizeof what, "after dequeue #%d, SIGRTMIN still pending: %s", v / 100,
                 v < 300 ? "yes" : "no");
        check(what, is_pending(SIGRTMIN), v < 300);
    }
    errno = 0;
    check("a fourth sigtimedwait finds nothing", sigtimedwait(&block, &info, &zero), -1);
    check("EAGAIN", errno, EAGAIN);
    return failures != 0;
}
