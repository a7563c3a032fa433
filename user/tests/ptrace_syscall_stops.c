// ptrace_syscall_stops: PTRACE_SYSCALL stops the tracee at the entry and the exit of
// its next system call; with PTRACE_O_TRACESYSGOOD the stop reports 0x80|SIGTRAP.
// At the entry rax reads -ENOSYS and orig_rax the call; at the exit rax is the
// result. A tracer may turn one call into another (orig_rax at the entry) or skip
// it (orig_rax = -1, rax = the result it wants). Raw syscall() calls only, so
// neither C library adds calls of its own.

#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

static void tracee(void)
{
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    syscall(SYS_kill, syscall(SYS_getpid), SIGSTOP);
    long ppid = syscall(SYS_getppid);
    long uid = syscall(SYS_getuid);         /* the tracer makes this getpid */
    long skipped = syscall(SYS_getpgid, 0); /* the tracer skips it: 77 */
    long bad = syscall(100000);
    syscall(SYS_exit_group, (ppid == getppid()) + 2 * (uid == getpid()) +
                                4 * (skipped == 77) + 8 * (bad == -1));
}

static const char *name(long nr)
{
    switch (nr) {
    case SYS_getppid: return "getppid";
    case SYS_getuid: return "getuid";
    case SYS_getpid: return "getpid";
    case SYS_getpgid: return "getpgid";
    case SYS_exit_group: return "exit_group";
    case 100000: return "100000";
    case -1: return "(skipped)";
    }
    return "?";
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t child = fork();
    if (child == 0)
        tracee();
    int status;
    waitpid(child, &status, 0);
    check("first stop: SIGSTOP", WSTOPSIG(status), SIGSTOP);
    check("PTRACE_SETOPTIONS TRACESYSGOOD",
          ptrace(PTRACE_SETOPTIONS, child, 0, (void *)PTRACE_O_TRACESYSGOOD), 0);
    ptrace(PTRACE_SYSCALL, child, 0, 0);     /* SIGSTOP suppressed */
    for (int entry = 1;; entry = !entry) {
        waitpid(child, &status, 0);
        if (!WIFSTOPPED(status))
            break;
        struct user_regs_struct r;
        ptrace(PTRACE_GETREGS, child, 0, &r);
        long nr = (long)r.orig_rax;
        if (WSTOPSIG(status) != (0x80 | SIGTRAP))
            printf("stop %#x is not a syscall-stop\n", WSTOPSIG(status));
        if (entry) {
            printf("enter %s: rax %ld\n", name(nr), (long)r.rax);
            if (nr == SYS_getpgid) {
                siginfo_t si;
                ptrace(PTRACE_GETSIGINFO, child, 0, &si);
                printf("  siginfo: signo %d code %#x pid %s\n", si.si_signo, si.si_code,
                       si.si_pid == child ? "tracee" : "other");
            }
            if (nr == SYS_getuid || nr == SYS_getpgid) {
                r.orig_rax = nr == SYS_getuid ? SYS_getpid : -1;
                r.rax = 77;
                ptrace(PTRACE_SETREGS, child, 0, &r);
            }
        } else {
            long want = nr == SYS_getpid ? child : nr == -1 ? 77 : nr == SYS_getppid ? getpid() : -ENOSYS;
            printf("exit  %s: result %s\n", name(nr), (long)r.rax == want ? "as expected" : "WRONG");
        }
        ptrace(PTRACE_SYSCALL, child, 0, 0);
    }
    check("tracee exited", WIFEXITED(status), 1);
    check("it saw every result", WEXITSTATUS(status), 15);
    return failures != 0;
}
