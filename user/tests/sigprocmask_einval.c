// sigprocmask_einval: rt_sigprocmask's EINVAL and EFAULT cases
// lab: 1
//
// rt_sigprocmask rejects a bad `how` and any sigsetsize other than 8 with
// EINVAL, and a bad pointer with EFAULT; a failed call leaves the mask
// untouched. With a NULL new set, `how` is not looked at.

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

// -errno on failure, the result otherwise.
static long raw_sigprocmask(long how, const void *set, void *old, long size)
{
    long r = syscall(SYS_rt_sigprocmask, how, set, old, size);
    return r == -1 ? -errno : r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    uint64_t set = BIT(SIGUSR1), big[2] = { BIT(SIGUSR2), 0 }, old;

    raw_sigprocmask(SIG_SETMASK, &set, NULL, 8);
    set = BIT(SIGHUP);

    check("how = 3 gives EINVAL", raw_sigprocmask(3, &set, NULL, 8), -EINVAL);
    check("how = -1 gives EINVAL", raw_sigprocmask(-1, &set, NULL, 8), -EINVAL);
    check("sigsetsize 4 gives EINVAL", raw_sigprocmask(SIG_BLOCK, &set, NULL, 4), -EINVAL);
    check("sigsetsize 16 gives EINVAL", raw_sigprocmask(SIG_BLOCK, big, NULL, 16), -EINVAL);
    check("sigsetsize 0 gives EINVAL", raw_sigprocmask(SIG_BLOCK, &set, NULL, 0), -EINVAL);
    check("sigsetsize 4 with only an old set gives EINVAL",
          raw_sigprocmask(SIG_BLOCK, NULL, &old, 4), -EINVAL);
    check("unreadable new set gives EFAULT",
          raw_sigprocmask(SIG_BLOCK, (void *)8, NULL, 8), -EFAULT);
    check("unwritable old set gives EFAULT",
          raw_sigprocmask(SIG_BLOCK, NULL, (void *)8, 8), -EFAULT);
    check("mask unchanged by the failed calls", current_mask(), BIT(SIGUSR1));

    old = 0;
    check("NULL new set with how = 7 succeeds", raw_sigprocmask(7, NULL, &old, 8), 0);
    check("and returns the mask", old, BIT(SIGUSR1));
    check("NULL new set and NULL old set succeeds", raw_sigprocmask(SIG_BLOCK, NULL, NULL, 8), 0);

    set = 0;
    raw_sigprocmask(SIG_SETMASK, &set, NULL, 8);
    return failures != 0;
}
