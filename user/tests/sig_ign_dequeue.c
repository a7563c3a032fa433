// sig_ign_dequeue: a blocked ignored signal is discarded when unblocked
// lab: 2
//
// A signal that was blocked when sent stays pending even if ignored; when it is
// unblocked while still ignored (SIG_IGN, or SIG_DFL with a default of ignore:
// SIGCHLD, SIGURG, SIGWINCH, SIGCONT), dequeueing it does nothing: it leaves
// the pending set and the process carries on.

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "sigtest.h"

static int count_pending(const int *sigs, int n)
{
    sigset_t set;
    int count = 0;
    sigpending(&set);
    for (int i = 0; i < n; i++)
        count += sigismember(&set, sigs[i]);
    return count;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int sigs[] = { SIGUSR1, SIGTERM, SIGRTMIN, SIGCHLD, SIGURG, SIGWINCH, SIGCONT };
    sigset_t block;

    sigemptyset(&block);
    for (int i = 0; i < 7; i++)
        sigaddset(&block, sigs[i]);
    sigprocmask(SIG_SETMASK, &block, NULL);
    for (int i = 0; i < 3; i++)
        signal(sigs[i], SIG_IGN);
    for (int i = 3; i < 7; i++)
        signal(sigs[i], SIG_DFL);

    for (int i = 0; i < 7; i++)
        kill(getpid(), sigs[i]);
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 2 });
    check("all seven blocked, ignored signals pending", count_pending(sigs, 7), 7);

    // sigpending shows only blocked signals: block again to look.
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    sigprocmask(SIG_BLOCK, &block, NULL);
    check("after unblocking, none pending", count_pending(sigs, 7), 0);
    printf("still running after they were dequeued\n");
    return failures != 0;
}
