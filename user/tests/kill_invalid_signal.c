// kill_invalid_signal: signal numbers outside 0..64 are EINVAL (but ESRCH first for no target)
// lab: 1
//
// Signal numbers outside 0..64 are EINVAL for kill, tkill and tgkill; 64
// (SIGRTMAX) is valid. Linux looks the target up first: an invalid signal to a
// pid that does not exist is ESRCH, not EINVAL.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static long result(long r)
{
    return r == -1 ? -errno : r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t self = getpid();
    long tid = syscall(SYS_gettid);

    check("kill(self, 65) gives EINVAL", result(kill(self, 65)), -EINVAL);
    check("kill(self, -1) gives EINVAL", result(kill(self, -1)), -EINVAL);
    check("kill(self, 1000) gives EINVAL", result(kill(self, 1000)), -EINVAL);
    check("tkill(self, 65) gives EINVAL", result(syscall(SYS_tkill, tid, 65)), -EINVAL);
    check("tgkill(self, self, 65) gives EINVAL", result(syscall(SYS_tgkill, self, tid, 65)), -EINVAL);

    // SIGRTMAX is a valid number: block it, send it, then discard it.
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, 64);
    sigprocmask(SIG_BLOCK, &block, NULL);
    check("kill(self, 64) succeeds", result(kill(self, 64)), 0);
    signal(64, SIG_IGN);

    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    check("kill(reaped pid, 65) gives ESRCH", result(kill(pid, 65)), -ESRCH);
    return failures != 0;
}
