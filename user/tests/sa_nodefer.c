// sa_nodefer: SA_NODEFER lets a handler be re-entered by its own signal
// lab: 3
//
// normally a signal is blocked while its own handler runs, so the same signal
// raised inside the handler waits until the handler is left; with SA_NODEFER it
// is not blocked and the handler is re-entered at once (nesting depth 2).
// sa_mask still applies: with SA_NODEFER and the signal in sa_mask, it is
// blocked after all.
//
// The handlers leave by siglongjmp: the test does not need sigreturn.

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "sigtest.h"

static sigjmp_buf env;
static volatile int depth, max_depth, entries, blocked_inside;

static int is_blocked(int sig)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, sig);
}

// On the first entry: raise the signal again. Leave when it has been seen
// twice, or when the second one did not come in at once.
static void handler(int sig)
{
    depth++;
    entries++;
    if (depth > max_depth)
        max_depth = depth;
    if (entries == 1) {
        blocked_inside = is_blocked(sig);
        raise(sig);
    }
    depth--;
    siglongjmp(env, 1);
}

static void run(const char *name, int flags, int in_mask, int want_depth, int want_blocked)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    char what[96];

    sigemptyset(&sa.sa_mask);
    if (in_mask)
        sigaddset(&sa.sa_mask, SIGUSR1);
    sigaction(SIGUSR1, &sa, NULL);
    depth = max_depth = entries = 0;
    // A signal left pending by the first entry is delivered when siglongjmp
    // unblocks it, and its handler jumps back here too.
    if (sigsetjmp(env, 1) == 0)
        raise(SIGUSR1);
    snprintf(what, sizeof what, "%s: SIGUSR1 blocked inside its handler: %s", name,
             want_blocked ? "yes" : "no");
    check(what, blocked_inside, want_blocked);
    snprintf(what, sizeof what, "%s: handler entered twice", name);
    check(what, entries, 2);
    snprintf(what, sizeof what, "%s: maximum nesting depth %d", name, want_depth);
    check(what, max_depth, want_depth);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    run("default", 0, 0, 1, 1);
    run("SA_NODEFER", SA_NODEFER, 0, 2, 0);
    run("SA_NODEFER with SIGUSR1 in sa_mask", SA_NODEFER, 1, 1, 1);
    return failures != 0;
}
