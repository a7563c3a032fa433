// delivery_stacking: signals unblocked together get stacked frames: handlers run in reverse order
// lab: 4
//
// When several signals become deliverable at once (here: unblocked together),
// the kernel sets up a frame for each before returning to user mode, dequeueing
// them lowest number first. Each new frame goes on top of the previous one, so
// the handlers *run* in the reverse order: the last signal dequeued runs first,
// and returns into the next one's handler. If the handlers' sa_mask blocks the
// other signals, only one frame is set up at a time, and the handlers run in
// dequeue order instead.

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sigtest.h"

static char trace[64];

static void handler(int sig)
{
    char buf[8];
    snprintf(buf, sizeof buf, "%d ", sig);
    strcat(trace, buf);
}

static const int sigs[] = { SIGUSR2, SIGHUP, SIGTERM, SIGUSR1 };

static void run(int mask_all, const char *want)
{
    struct sigaction sa = { .sa_handler = handler };
    sigset_t block;
    char what[96];

    if (mask_all)
        sigfillset(&sa.sa_mask);
    else
        sigemptyset(&sa.sa_mask);
    sigemptyset(&block);
    for (int i = 0; i < 4; i++) {
        sigaction(sigs[i], &sa, NULL);
        sigaddset(&block, sigs[i]);
    }
    sigprocmask(SIG_BLOCK, &block, NULL);
    for (int i = 0; i < 4; i++)
        raise(sigs[i]);
    trace[0] = 0;
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    snprintf(what, sizeof what, "%s: handlers ran as \"%s\"",
             mask_all ? "sa_mask blocks all" : "empty sa_mask", want);
    check(what, strcmp(trace, want), 0);
    if (strcmp(trace, want) != 0)
        printf("  got \"%s\"\n", trace);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    // Dequeue order: SIGHUP (1), SIGUSR1 (10), SIGUSR2 (12), SIGTERM (15).
    run(1, "1 10 12 15 ");
    run(0, "15 12 10 1 ");
    return failures != 0;
}
