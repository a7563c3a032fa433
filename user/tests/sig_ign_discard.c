// sig_ign_discard: an ignored signal is discarded when sent, unless it is blocked
// lab: 1
//
// An ignored signal that is not blocked is thrown away when it is sent:
// SIG_IGN, and SIG_DFL for the signals whose default is to ignore (SIGCHLD,
// SIGURG, SIGWINCH). A blocked signal is never ignored at that point, because
// its action may change before it is unblocked: it stays pending
// (sig_ign_dequeue.c shows what happens when it is unblocked).
//
// sigpending reports only signals that are pending *and blocked*, so to see
// whether an unblocked signal was kept we block it right after sending.

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block, empty;
    char what[80];

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    signal(SIGUSR1, SIG_IGN);
    signal(SIGRTMIN, SIG_IGN);
    signal(SIGCHLD, SIG_DFL);
    signal(SIGURG, SIG_DFL);
    signal(SIGWINCH, SIG_DFL);

    int sigs[] = { SIGUSR1, SIGRTMIN, SIGCHLD, SIGURG, SIGWINCH };
    const char *names[] = { "SIGUSR1 (SIG_IGN)", "SIGRTMIN (SIG_IGN)", "SIGCHLD (SIG_DFL)",
                            "SIGURG (SIG_DFL)", "SIGWINCH (SIG_DFL)" };

    sigemptyset(&block);
    for (int i = 0; i < 5; i++)
        sigaddset(&block, sigs[i]);
    for (int i = 0; i < 5; i++) {
        kill(getpid(), sigs[i]);
        sigprocmask(SIG_BLOCK, &block, NULL);
        snprintf(what, sizeof what, "unblocked %s discarded", names[i]);
        check(what, is_pending(sigs[i]), 0);
        sigprocmask(SIG_UNBLOCK, &block, NULL);
    }

    sigprocmask(SIG_BLOCK, &block, NULL);
    for (int i = 0; i < 5; i++) {
        kill(getpid(), sigs[i]);
        snprintf(what, sizeof what, "blocked %s stays pending", names[i]);
        check(what, is_pending(sigs[i]), 1);
    }

    // Leave nothing pending: setting SIG_IGN discards them.
    for (int i = 0; i < 5; i++)
        signal(sigs[i], SIG_IGN);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    return failures != 0;
}
