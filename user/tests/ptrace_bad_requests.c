// ptrace_bad_requests: what Linux answers to requests that cannot be carried out.
// A pid that is not our tracee, or a tracee that is not stopped, is ESRCH (even for
// a request that does not exist); an unknown request to a stopped tracee is EIO, as
// is a signal number out of range; attaching to ourselves or to a process already
// traced is EPERM; a bad SEIZE is EIO, a bad option EINVAL; PTRACE_INTERRUPT needs a
// seized tracee (EIO); GETSIGINFO into a bad pointer is EFAULT.

#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static void expect(const char *what, long r, int err)
{
    char msg[160];
    snprintf(msg, sizeof msg, "%s: -1 %s", what, strerror(err));
    check(msg, r == -1 ? errno : 0, err);
    errno = 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t plain = fork();       /* a child we do not trace */
    if (plain == 0) {
        pause();
        _exit(0);
    }
    expect("CONT to a child we do not trace", ptrace(PTRACE_CONT, plain, 0, 0), ESRCH);
    expect("GETREGS to it", ptrace(PTRACE_GETREGS, plain, 0, 0), ESRCH);
    expect("KILL to it", ptrace(PTRACE_KILL, plain, 0, 0), ESRCH);
    expect("request 12345 to it", ptrace(12345, plain, 0, 0), ESRCH);
    expect("CONT to no such pid", ptrace(PTRACE_CONT, 999999, 0, 0), ESRCH);
    expect("ATTACH to no such pid", ptrace(PTRACE_ATTACH, 999999, 0, 0), ESRCH);
    expect("ATTACH to ourselves", ptrace(PTRACE_ATTACH, getpid(), 0, 0), EPERM);
    expect("SEIZE with addr != 0", ptrace(PTRACE_SEIZE, plain, (void *)1, 0), EIO);
    expect("SEIZE with an unknown option", ptrace(PTRACE_SEIZE, plain, 0, (void *)0x40000000L), EIO);

    check("ATTACH", ptrace(PTRACE_ATTACH, plain, 0, 0), 0);
    expect("ATTACH again", ptrace(PTRACE_ATTACH, plain, 0, 0), EPERM);
    int status;
    waitpid(plain, &status, 0);
    check("stopped by the attach's SIGSTOP", WSTOPSIG(status), SIGSTOP);
    expect("request 12345 to a stopped tracee", ptrace(12345, plain, 0, 0), EIO);
    expect("CONT with signal 65", ptrace(PTRACE_CONT, plain, 0, (void *)65L), EIO);
    expect("DETACH with signal -1", ptrace(PTRACE_DETACH, plain, 0, (void *)-1L), EIO);
    expect("INTERRUPT a tracee attached, not seized", ptrace(PTRACE_INTERRUPT, plain, 0, 0), EIO);
    expect("SETOPTIONS 0x40000000", ptrace(PTRACE_SETOPTIONS, plain, 0, (void *)0x40000000L), EINVAL);
    expect("GETSIGINFO into address 8", ptrace(PTRACE_GETSIGINFO, plain, 0, (void *)8), EFAULT);
    expect("SETSIGINFO from address 8", ptrace(PTRACE_SETSIGINFO, plain, 0, (void *)8), EFAULT);

    /* DETACH with SIGKILL as its signal: the child dies untraced. */
    check("DETACH with SIGKILL", ptrace(PTRACE_DETACH, plain, 0, (void *)(long)SIGKILL), 0);
    expect("CONT after the detach", ptrace(PTRACE_CONT, plain, 0, 0), ESRCH);
    check("waitpid", waitpid(plain, &status, 0), plain);
    check("killed by SIGKILL", WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGKILL);
    return failures != 0;
}
