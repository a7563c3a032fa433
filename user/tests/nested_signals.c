// nested_signals: signals nest three deep and unwind in order, each level with its mask
// lab: 4
//
// A signal that arrives while a handler runs (and is not blocked there) is
// handled at once, on top of it, and runs to completion before the outer
// handler continues. Three different signals nest three deep; each handler sees
// its own mask, and each return restores the mask of the level below.

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

static char trace[64];
static uint64_t mask_at[4], mask_after[4];

static void handler(int sig)
{
    int level = sig == SIGUSR1 ? 1 : sig == SIGUSR2 ? 2 : 3;
    char tag[4] = { '>', (char)('0' + level), ' ', 0 };

    strcat(trace, tag);
    mask_at[level] = current_mask();
    if (level == 1)
        kill(getpid(), SIGUSR2);
    else if (level == 2)
        kill(getpid(), SIGHUP);
    mask_after[level] = current_mask();
    tag[0] = '<';
    strcat(trace, tag);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = handler };
    uint64_t base = BIT(SIGRTMIN);

    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &base, NULL, 8);
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    kill(getpid(), SIGUSR1);
    check("order: >1 >2 >3 <3 <2 <1", strcmp(trace, ">1 >2 >3 <3 <2 <1 "), 0);
    check("level 1 mask: base + SIGUSR1", mask_at[1] == (base | BIT(SIGUSR1)), 1);
    check("level 2 mask: + SIGUSR2", mask_at[2] == (base | BIT(SIGUSR1) | BIT(SIGUSR2)), 1);
    check("level 3 mask: + SIGHUP",
          mask_at[3] == (base | BIT(SIGUSR1) | BIT(SIGUSR2) | BIT(SIGHUP)), 1);
    check("level 2 mask back after level 3 returned", mask_after[2] == mask_at[2], 1);
    check("level 1 mask back after level 2 returned", mask_after[1] == mask_at[1], 1);
    check("base mask back in main", current_mask() == base, 1);
    printf("trace: %s\n", trace);
    return failures != 0;
}
