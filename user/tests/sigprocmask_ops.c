// sigprocmask_ops: SIG_BLOCK, SIG_UNBLOCK and SIG_SETMASK, each returning the old mask
// lab: 1
//
// SIG_BLOCK adds signals to the blocked mask, SIG_UNBLOCK removes them,
// SIG_SETMASK replaces the mask, and each call hands back the mask as it was
// before the call.

#include <signal.h>
#include <stdio.h>

#include "sigtest.h"

// The whole mask as one number: bit (n - 1) stands for signal n, as in the
// kernel's 64-bit sigset_t.
static unsigned long bits(const sigset_t *set)
{
    unsigned long b = 0;
    for (int sig = 1; sig <= 64; sig++)
        if (sigismember(set, sig) == 1)
            b |= 1UL << (sig - 1);
    return b;
}

// Read through libc, as the calls under test are made.
static unsigned long libc_mask(void)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    return bits(&now);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t set, old;

    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    check("mask starts empty", libc_mask(), 0);

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, &old);
    check("SIG_BLOCK returns the old (empty) mask", bits(&old), 0);
    check("SIG_BLOCK adds SIGUSR1 and SIGTERM", libc_mask(), BIT(SIGUSR1) | BIT(SIGTERM));

    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMAX);
    sigprocmask(SIG_BLOCK, &set, &old);
    check("second SIG_BLOCK returns SIGUSR1|SIGTERM", bits(&old), BIT(SIGUSR1) | BIT(SIGTERM));
    check("second SIG_BLOCK is a union (RT signals too)", libc_mask(),
          BIT(SIGUSR1) | BIT(SIGTERM) | BIT(SIGHUP) | BIT(SIGRTMIN) | BIT(SIGRTMAX));

    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGRTMAX);
    sigaddset(&set, SIGUSR2);       // not blocked: unblocking it changes nothing
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    check("SIG_UNBLOCK removes only the named signals", libc_mask(),
          BIT(SIGUSR1) | BIT(SIGHUP) | BIT(SIGRTMIN));

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_SETMASK, &set, &old);
    check("SIG_SETMASK returns the old mask", bits(&old),
          BIT(SIGUSR1) | BIT(SIGHUP) | BIT(SIGRTMIN));
    check("SIG_SETMASK replaces the mask", libc_mask(), BIT(SIGINT));

    // A NULL new set only reads the mask, whatever `how` says.
    sigprocmask(SIG_UNBLOCK, NULL, &old);
    check("NULL set with SIG_UNBLOCK only reads", bits(&old), BIT(SIGINT));
    check("NULL set leaves the mask alone", libc_mask(), BIT(SIGINT));

    sigfillset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    check("mask empty again after fill then empty", libc_mask(), 0);
    return failures != 0;
}
