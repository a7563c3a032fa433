// clone_bad_flags: clone refuses flag sets Linux refuses (EINVAL) without creating
// anything, ignores the upper 32 bits of its flags, and a bad CLONE_SETTLS is EPERM
// lab: 0

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

// clone's result as -errno; a child that was made anyway exits at once.
static long try_clone(unsigned long flags, unsigned long tls)
{
    long r = syscall(SYS_clone, flags, 0, 0, 0, tls);
    if (r == 0)
        _exit(0);
    return r < 0 ? -errno : r;
}

static int no_children(void)
{
    return waitpid(-1, 0, WNOHANG | __WALL) == -1 && errno == ECHILD;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    check("CLONE_SIGHAND without CLONE_VM", try_clone(CLONE_SIGHAND | SIGCHLD, 0), -EINVAL);
    check("CLONE_THREAD without CLONE_SIGHAND", try_clone(CLONE_THREAD | CLONE_VM, 0), -EINVAL);
    check("CLONE_THREAD alone", try_clone(CLONE_THREAD, 0), -EINVAL);
    check("nothing was created", no_children(), 1);
    check("CLONE_SETTLS with a kernel address",
          try_clone(CLONE_SETTLS | SIGCHLD, 0xffff800000000000UL), -EPERM);
    check("nothing was created after EPERM", no_children(), 1);
    long pid = try_clone((1UL << 32) | (1UL << 40) | SIGCHLD, 0);
    int status = -1;
    check("upper 32 flag bits ignored: a child", pid > 0 && waitpid(pid, &status, 0) == pid &&
          status == 0, 1);
    return failures != 0;
}
