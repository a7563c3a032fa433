// rt_sigpending_size: rt_sigpending accepts sigsetsize up to 8 and copies that many bytes
// lab: 1
//
// The raw rt_sigpending system call copies out sigsetsize bytes of the pending
// set. Unlike rt_sigprocmask it accepts any size up to 8 (a smaller size copies
// only the low bytes); a larger one is EINVAL.

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

static long raw_sigpending(void *set, long size)
{
    long r = syscall(SYS_rt_sigpending, set, size);
    return r == -1 ? -errno : r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    uint64_t block = BIT(SIGHUP) | BIT(SIGRTMAX), set;
    uint64_t want = BIT(SIGHUP) | BIT(SIGRTMAX);

    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &block, NULL, 8);
    kill(getpid(), SIGHUP);
    kill(getpid(), SIGRTMAX);

    set = 0;
    check("size 8 succeeds", raw_sigpending(&set, 8), 0);
    check("size 8 reports SIGHUP and SIGRTMAX", set, want);

    memset(&set, 0xaa, sizeof set);
    check("size 4 succeeds", raw_sigpending(&set, 4), 0);
    check("size 4 writes only the low 4 bytes", set, 0xaaaaaaaa00000000UL | (want & 0xffffffff));

    set = 0x5555;
    check("size 0 succeeds", raw_sigpending(&set, 0), 0);
    check("size 0 writes nothing", set, 0x5555);

    uint64_t big[2] = { 0, 0 };
    check("size 16 gives EINVAL", raw_sigpending(big, 16), -EINVAL);
    check("bad pointer gives EFAULT", raw_sigpending((void *)8, 8), -EFAULT);

    // Take the two signals back out of the pending set before exiting.
    struct sigaction sa = { .sa_handler = SIG_IGN };
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGRTMAX, &sa, NULL);
    set = 0;
    raw_sigpending(&set, 8);
    check("SIG_IGN discarded both", set, 0);
    return failures != 0;
}
