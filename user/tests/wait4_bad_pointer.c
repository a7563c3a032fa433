// wait4_bad_pointer: a bad status or rusage pointer: EFAULT, but the child is reaped
// lab: 0
//
// Linux's wait4 reaps the zombie first and writes the results to user memory
// after: when that write fails the call returns EFAULT, and the child is gone all
// the same (a second wait4 says ECHILD). The same for waitid's siginfo pointer.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static pid_t dead_child(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    sleep_ms(30);       // a zombie by now
    return pid;
}

static void expect_efault_then_gone(const char *name, long r, pid_t pid)
{
    char what[96];
    snprintf(what, sizeof what, "%s: EFAULT", name);
    check(what, r == -1 && errno == EFAULT, 1);
    errno = 0;
    snprintf(what, sizeof what, "%s: the child was reaped anyway (ECHILD)", name);
    check(what, waitpid(pid, NULL, WNOHANG) == -1 && errno == ECHILD, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t pid = dead_child();
    errno = 0;
    expect_efault_then_gone("bad status pointer",
                            syscall(SYS_wait4, pid, (int *)8, 0, NULL), pid);
    pid = dead_child();
    errno = 0;
    expect_efault_then_gone("bad rusage pointer",
                            syscall(SYS_wait4, pid, NULL, 0, (struct rusage *)8), pid);
    pid = dead_child();
    errno = 0;
    expect_efault_then_gone("waitid, bad siginfo pointer",
                            syscall(SYS_waitid, P_PID, pid, (siginfo_t *)8, WEXITED, NULL), pid);
    return failures != 0;
}
