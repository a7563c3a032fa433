// sigaction_ign_flushes: setting an ignoring action discards the pending instances
// lab: 1
//
// Setting an action that ignores a signal throws away any pending instance of
// it, even while it is blocked: SIG_IGN for any signal (every queued instance
// of an RT signal), and SIG_DFL for a signal whose default is to ignore
// (SIGWINCH). Setting SIG_DFL for a signal whose default is not to ignore
// (SIGUSR2), or a handler, keeps it pending.

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "sigtest.h"

static void handler(int sig)
{
    (void)sig;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    struct sigaction sa = { .sa_handler = handler };
    int sigs[] = { SIGUSR1, SIGUSR2, SIGRTMIN, SIGWINCH };

    sigemptyset(&block);
    for (int i = 0; i < 4; i++) {
        sigaction(sigs[i], &sa, NULL);
        sigaddset(&block, sigs[i]);
    }
    sigprocmask(SIG_SETMASK, &block, NULL);

    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR2);
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 1 });
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 2 });
    kill(getpid(), SIGWINCH);
    check("SIGUSR1, SIGUSR2, SIGRTMIN, SIGWINCH pending",
          is_pending(SIGUSR1) + is_pending(SIGUSR2) + is_pending(SIGRTMIN) + is_pending(SIGWINCH), 4);

    signal(SIGUSR1, SIG_IGN);
    check("SIG_IGN flushed pending SIGUSR1", is_pending(SIGUSR1), 0);
    signal(SIGRTMIN, SIG_IGN);
    check("SIG_IGN flushed both queued SIGRTMIN", is_pending(SIGRTMIN), 0);
    signal(SIGWINCH, SIG_DFL);
    check("SIG_DFL flushed pending SIGWINCH (default: ignore)", is_pending(SIGWINCH), 0);
    signal(SIGUSR2, SIG_DFL);
    check("SIG_DFL kept pending SIGUSR2 (default: terminate)", is_pending(SIGUSR2), 1);
    sigaction(SIGUSR2, &sa, NULL);
    check("a handler kept pending SIGUSR2", is_pending(SIGUSR2), 1);

    signal(SIGUSR2, SIG_IGN);
    check("SIG_IGN flushed it at last", is_pending(SIGUSR2), 0);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    return failures != 0;
}
