// sigpending_blocked: blocked signals wait in the pending set, once each
// lab: 1
//
// A blocked signal is not delivered but recorded as pending, and rt_sigpending
// reports exactly the blocked signals that were sent: standard and real-time
// alike, each once however often it was sent. A blocked signal stays pending
// when the mask changes in other ways.

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

static uint64_t pending(void)
{
    uint64_t set = 0;
    syscall(SYS_rt_sigpending, &set, 8);
    return set;
}

static void set_mask(uint64_t mask)
{
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, 8);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    uint64_t blocked = BIT(SIGHUP) | BIT(SIGUSR1) | BIT(SIGTERM) | BIT(SIGRTMIN + 1) | BIT(SIGRTMAX);

    set_mask(blocked);
    check("nothing pending at start", pending(), 0);

    kill(getpid(), SIGUSR1);
    check("blocked SIGUSR1 pending", pending(), BIT(SIGUSR1));
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGRTMIN + 1);
    kill(getpid(), SIGRTMIN + 1);
    kill(getpid(), SIGTERM);
    check("SIGUSR1, SIGTERM and SIGRTMIN+1 pending",
          pending(), BIT(SIGUSR1) | BIT(SIGTERM) | BIT(SIGRTMIN + 1));

    set_mask(blocked | BIT(SIGUSR2));
    check("adding to the mask keeps them pending",
          pending(), BIT(SIGUSR1) | BIT(SIGTERM) | BIT(SIGRTMIN + 1));
    kill(getpid(), SIGHUP);
    sigqueue(getpid(), SIGRTMAX, (union sigval){ .sival_int = 5 });
    check("sigqueue'd SIGRTMAX and SIGHUP join them", pending(),
          BIT(SIGHUP) | BIT(SIGUSR1) | BIT(SIGTERM) | BIT(SIGRTMIN + 1) | BIT(SIGRTMAX));

    // Ignoring discards a pending signal: empty the set before unblocking.
    int sigs[] = { SIGHUP, SIGUSR1, SIGTERM, SIGRTMIN + 1, SIGRTMAX };
    for (int i = 0; i < 5; i++)
        signal(sigs[i], SIG_IGN);
    check("empty after ignoring them all", pending(), 0);
    set_mask(0);
    return failures != 0;
}
