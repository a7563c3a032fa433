// sigcont_discards_stop: sending SIGCONT discards pending stop signals
// lab: 1
//
// Sending SIGCONT throws away every pending stop signal (SIGTSTP, SIGTTIN,
// SIGTTOU), whether SIGCONT itself is blocked or not and whatever its action; a
// blocked SIGCONT then stays pending itself.

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "sigtest.h"

static int stops_pending(void)
{
    return is_pending(SIGTSTP) + is_pending(SIGTTIN) + is_pending(SIGTTOU);
}

static void send_stops(void)
{
    kill(getpid(), SIGTSTP);
    kill(getpid(), SIGTTIN);
    kill(getpid(), SIGTTOU);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t stops, cont, empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    signal(SIGCONT, SIG_DFL);
    sigemptyset(&stops);
    sigaddset(&stops, SIGTSTP);
    sigaddset(&stops, SIGTTIN);
    sigaddset(&stops, SIGTTOU);
    sigprocmask(SIG_BLOCK, &stops, NULL);

    send_stops();
    check("three blocked stop signals pending", stops_pending(), 3);
    kill(getpid(), SIGCONT);
    check("SIGCONT (unblocked) discarded all three", stops_pending(), 0);

    sigemptyset(&cont);
    sigaddset(&cont, SIGCONT);
    sigprocmask(SIG_BLOCK, &cont, NULL);
    send_stops();
    check("three stop signals pending again", stops_pending(), 3);
    kill(getpid(), SIGCONT);
    check("SIGCONT (blocked) discarded all three", stops_pending(), 0);
    check("blocked SIGCONT is pending itself", is_pending(SIGCONT), 1);

    signal(SIGCONT, SIG_IGN);       // flush it before unblocking
    sigprocmask(SIG_SETMASK, &empty, NULL);
    return failures != 0;
}
