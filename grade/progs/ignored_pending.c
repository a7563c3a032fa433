// ignored_pending (lab 1): the discard rules. A blocked signal is never discarded,
// even if it is ignored (the process may change the action before unblocking it);
// setting SIG_IGN for a pending signal discards it (POSIX).
//
// usage: ignored_pending IGN DFLIGN CAUGHT
//   IGN has SIG_IGN, DFLIGN is one whose default action is "ignore" (SIGCHLD,
//   SIGWINCH or SIGURG), CAUGHT has a handler (which never runs: all stay blocked).

#include "grade.h"

static void handler(int sig)
{
    printf("handler for %s ran, but it was blocked\n", signame(sig));
}

int main(int argc, char **argv)
{
    grade_start();
    int ign = arg(argc, argv, 1), dflign = arg(argc, argv, 2), caught = arg(argc, argv, 3);
    pid_t me = getpid();

    signal(ign, SIG_IGN);
    signal(dflign, SIG_DFL);
    signal(caught, handler);
    set_mask(~0ULL);

    kill(me, ign);
    printf("blocked, SIG_IGN: pending: %s\n", setstr(get_pending() & bit(ign)));
    kill(me, dflign);
    printf("blocked, default action ignore: pending: %s\n", setstr(get_pending() & bit(dflign)));
    kill(me, caught);
    printf("blocked, with a handler: pending: %s\n", setstr(get_pending() & bit(caught)));
    printf("all pending: %s\n", setstr(get_pending()));

    // Setting SIG_IGN (or SIG_DFL where the default is to ignore) discards it.
    signal(caught, SIG_IGN);
    printf("after SIG_IGN for %s: %s\n", signame(caught), setstr(get_pending()));
    signal(ign, SIG_IGN);
    signal(dflign, SIG_DFL);
    printf("after setting them again: %s\n", setstr(get_pending()));

    // A blocked signal that is ignored only now (SIG_IGN set before the kill) is
    // still kept: the check is at generation time, and it is blocked.
    kill(me, caught);
    printf("blocked, SIG_IGN set before the kill: pending: %s\n", setstr(get_pending()));
    return 0;
}
