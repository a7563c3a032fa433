// ptrace_group_stop: waitid reports a ptrace stop with si_code CLD_TRAPPED, even
// when asked only for WEXITED. A stop signal the tracer lets through (PTRACE_CONT
// with SIGSTOP) stops the tracee again, now as a group-stop: wait shows SIGSTOP once
// more, but PTRACE_GETSIGINFO answers EINVAL there (no signal is being delivered),
// which is how a tracer tells the two apart. PTRACE_CONT then resumes the tracee.

#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t child = fork();
    if (child == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        kill(getpid(), SIGUSR1);
        kill(getpid(), SIGSTOP);
        _exit(5);
    }
    siginfo_t si;
    memset(&si, 0, sizeof si);
    check("waitid(WEXITED) sees the stop", waitid(P_PID, child, &si, WEXITED), 0);
    check("si_code CLD_TRAPPED", si.si_code, CLD_TRAPPED);
    check("si_status SIGUSR1", si.si_status, SIGUSR1);
    check("si_pid", si.si_pid, child);
    memset(&si, 0, sizeof si);
    check("waitid(WEXITED|WNOHANG): reported already", waitid(P_PID, child, &si, WEXITED | WNOHANG), 0);
    check("  so si_pid is 0", si.si_pid, 0);
    ptrace(PTRACE_CONT, child, 0, 0);

    int status;
    waitpid(child, &status, 0);
    check("signal-delivery-stop for SIGSTOP", status, 0x137f);
    check("GETSIGINFO works there", ptrace(PTRACE_GETSIGINFO, child, 0, &si), 0);
    ptrace(PTRACE_CONT, child, 0, SIGSTOP);
    waitpid(child, &status, 0);
    check("group-stop: SIGSTOP again", status, 0x137f);
    errno = 0;
    check("GETSIGINFO at a group-stop", ptrace(PTRACE_GETSIGINFO, child, 0, &si), -1);
    check("errno EINVAL", errno, EINVAL);
    long cont = ptrace(PTRACE_CONT, child, 0, 0);
    pid_t waited = waitpid(child, &status, 0);
    check("PTRACE_CONT resumes it", cont, 0);
    check("it exits with 5", waited == child && WIFEXITED(status) ? WEXITSTATUS(status) : -1, 5);
    return failures != 0;
}
