// stop_discards_sigcont: sending a stop signal discards a pending SIGCONT, even if ignored
// lab: 1
//
// Sending a stop signal (SIGTSTP, SIGTTIN, SIGTTOU) throws away a pending
// SIGCONT. This happens when the signal is sent, before its own action is
// considered: a stop signal that is blocked, or ignored, still discards
// SIGCONT.

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block, empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    signal(SIGCONT, SIG_DFL);
    sigemptyset(&block);
    sigaddset(&block, SIGCONT);
    sigaddset(&block, SIGTSTP);
    sigprocmask(SIG_BLOCK, &block, NULL);

    kill(getpid(), SIGCONT);
    check("blocked SIGCONT pending", is_pending(SIGCONT), 1);
    kill(getpid(), SIGTSTP);
    check("blocked SIGTSTP discarded it", is_pending(SIGCONT), 0);
    check("SIGTSTP pending", is_pending(SIGTSTP), 1);

    signal(SIGTSTP, SIG_IGN);       // flushes the pending SIGTSTP too
    check("SIG_IGN flushed SIGTSTP", is_pending(SIGTSTP), 0);
    sigemptyset(&block);
    sigaddset(&block, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &block, NULL);

    kill(getpid(), SIGCONT);
    check("SIGCONT pending again", is_pending(SIGCONT), 1);
    kill(getpid(), SIGTSTP);
    check("ignored, unblocked SIGTSTP discarded it too", is_pending(SIGCONT), 0);
    check("the ignored SIGTSTP is not pending", is_pending(SIGTSTP), 0);

    signal(SIGTTIN, SIG_IGN);
    kill(getpid(), SIGCONT);
    kill(getpid(), SIGTTIN);
    check("ignored SIGTTIN discarded SIGCONT", is_pending(SIGCONT), 0);
    signal(SIGTTOU, SIG_IGN);
    kill(getpid(), SIGCONT);
    kill(getpid(), SIGTTOU);
    check("ignored SIGTTOU discarded SIGCONT", is_pending(SIGCONT), 0);

    sigprocmask(SIG_SETMASK, &empty, NULL);
    return failures != 0;
}
