// dequeue_sync_first: fault-type signals (SIGILL..SIGSYS) are dequeued before all others
// lab: 2
//
// Linux dequeues the "synchronous" signals (those a CPU fault can raise:
// SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV, SIGSYS) before all others, lowest
// number first, even when they were sent with kill() and a lower-numbered
// signal such as SIGHUP is pending too.
//
// Everything stays blocked; sigtimedwait takes the signals one by one in the
// kernel's dequeue order.

#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t all;
    siginfo_t info;
    struct timespec zero = { 0, 0 };
    char what[80];

    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);

    int sent[] = { SIGHUP, SIGSEGV, SIGINT, SIGSYS, SIGUSR1, SIGFPE, SIGRTMIN,
                   SIGBUS, SIGQUIT, SIGTRAP, SIGILL, SIGABRT };
    for (unsigned i = 0; i < sizeof sent / sizeof sent[0]; i++)
        kill(getpid(), sent[i]);

    struct { int sig; const char *name; } want[] = {
        { SIGILL, "SIGILL" }, { SIGTRAP, "SIGTRAP" }, { SIGBUS, "SIGBUS" },
        { SIGFPE, "SIGFPE" }, { SIGSEGV, "SIGSEGV" }, { SIGSYS, "SIGSYS" },
        { SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" }, { SIGQUIT, "SIGQUIT" },
        { SIGABRT, "SIGABRT" }, { SIGUSR1, "SIGUSR1" }, { SIGRTMIN, "SIGRTMIN" },
    };
    for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++) {
        snprintf(what, sizeof what, "dequeue %u: %s", i + 1, want[i].name);
        check(what, sigtimedwait(&all, &info, &zero), want[i].sig);
    }
    check("then nothing", sigtimedwait(&all, &info, &zero), -1);
    return failures != 0;
}
