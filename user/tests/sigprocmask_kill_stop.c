// sigprocmask_kill_stop: SIGKILL and SIGSTOP are silently left out of the blocked mask
// lab: 1
//
// SIGKILL and SIGSTOP cannot be blocked. Asking to block them is not an error:
// rt_sigprocmask silently drops them from the new mask, with every how
// (SIG_BLOCK, SIG_SETMASK).

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

// The raw system call, with the kernel's 8-byte sigset: no libc filtering.
static long mask_op(int how, uint64_t set, uint64_t *old)
{
    return syscall(SYS_rt_sigprocmask, how, &set, old, 8);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    uint64_t old;

    mask_op(SIG_SETMASK, 0, NULL);
    check("SIG_BLOCK of SIGKILL|SIGSTOP|SIGUSR1 succeeds",
          mask_op(SIG_BLOCK, BIT(SIGKILL) | BIT(SIGSTOP) | BIT(SIGUSR1), NULL), 0);
    check("only SIGUSR1 is blocked", current_mask(), BIT(SIGUSR1));

    check("SIG_SETMASK of all 64 signals succeeds", mask_op(SIG_SETMASK, ~0UL, &old), 0);
    check("old mask was SIGUSR1", old, BIT(SIGUSR1));
    check("all but SIGKILL and SIGSTOP are blocked", current_mask(),
          ~0UL & ~(BIT(SIGKILL) | BIT(SIGSTOP)));

    check("SIG_UNBLOCK of SIGKILL succeeds", mask_op(SIG_UNBLOCK, BIT(SIGKILL), NULL), 0);
    check("mask unchanged by unblocking SIGKILL", current_mask(),
          ~0UL & ~(BIT(SIGKILL) | BIT(SIGSTOP)));

    mask_op(SIG_SETMASK, 0, NULL);
    check("mask empty at the end", current_mask(), 0);
    return failures != 0;
}
