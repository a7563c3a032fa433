// dequeue_order: lowest-numbered pending signal first; each RT signal's instances in send order
// lab: 2
//
// When several signals are pending, the lowest-numbered one is taken first;
// standard signals (1..31) therefore come before RT signals, and instances of
// one RT signal come in the order they were sent, each with its own value.
//
// Everything stays blocked; sigtimedwait takes the signals one by one in the
// kernel's dequeue order.

#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static void send(int sig, int value)
{
    sigqueue(getpid(), sig, (union sigval){ .sival_int = value });
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t all;
    siginfo_t info;
    struct timespec zero = { 0, 0 };
    char what[80];

    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);

    send(SIGRTMIN + 2, 1);
    send(SIGUSR2, 2);
    send(SIGRTMIN, 3);
    send(SIGHUP, 4);
    send(SIGRTMIN + 2, 5);
    send(SIGTERM, 6);
    send(SIGRTMIN, 7);
    send(SIGINT, 8);
    send(SIGRTMAX, 9);

    struct { int sig, value; const char *name; } want[] = {
        { SIGHUP, 4, "SIGHUP" }, { SIGINT, 8, "SIGINT" }, { SIGUSR2, 2, "SIGUSR2" },
        { SIGTERM, 6, "SIGTERM" }, { SIGRTMIN, 3, "SIGRTMIN" }, { SIGRTMIN, 7, "SIGRTMIN" },
        { SIGRTMIN + 2, 1, "SIGRTMIN+2" }, { SIGRTMIN + 2, 5, "SIGRTMIN+2" },
        { SIGRTMAX, 9, "SIGRTMAX" },
    };
    for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++) {
        int sig = sigtimedwait(&all, &info, &zero);
        snprintf(what, sizeof what, "dequeue %u: %s with value %d", i + 1, want[i].name, want[i].value);
        check(what, sig == want[i].sig ? info.si_value.sival_int : -sig, want[i].value);
    }
    check("then nothing", sigtimedwait(&all, &info, &zero), -1);
    return failures != 0;
}
