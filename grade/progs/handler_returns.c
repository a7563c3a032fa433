// handler_returns (lab 4): a handler returns like any function, into the restorer
// (rt_sigreturn), and the program goes on where the signal interrupted it. A
// signal taken inside a handler nests: its frame goes on top, and each handler
// returns to the one below.
//
// usage: handler_returns RT OUTER NONCE STATUS

#include "grade.h"

static volatile long sum;
static volatile int calls, depth;
static int rt;

static void rt_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    sum += si->si_value.sival_int;
    calls++;
    if (depth)
        printf("  %s handler, nested %d deep\n", signame(rt), depth);
}

static void outer_handler(int sig)
{
    depth++;
    printf("  %s handler: raising %s\n", signame(sig), signame(rt));
    send_value(getpid(), rt, 1);
    printf("  %s handler: back from the nested handler, returning\n", signame(sig));
    depth--;
}

int main(int argc, char **argv)
{
    grade_start();
    rt = arg(argc, argv, 1);
    int outer = arg(argc, argv, 2), nonce = arg(argc, argv, 3), status = arg(argc, argv, 4);

    on(rt, rt_handler, SA_SIGINFO, 0);
    for (int i = 0; i < 3; i++)
        send_value(getpid(), rt, nonce + i);
    printf("back in main after %d handlers; values summed: %ld\n", calls, sum);

    on(outer, outer_handler, 0, 0);
    kill(getpid(), outer);
    printf("back in main after the nested handlers; %d calls\n", calls);
    printf("blocked at the end: %s\n", setstr(get_mask()));
    return status;
}
