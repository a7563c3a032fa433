// ptrace_traceme_exec: a child that called PTRACE_TRACEME stops with SIGTRAP as soon
// as execve has loaded the new image, before the new program runs a single
// instruction; the tracer sees it with waitpid (WIFSTOPPED, WSTOPSIG == SIGTRAP),
// reads its siginfo, and lets it run on. Traced with PTRACE_SYSCALL, the execve is
// seen entering and leaving (orig_rax still SYS_execve, rax 0 in the new image)
// before the SIGTRAP. The child execs this same program with the argument "child".

#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

// The second run: the child stops itself first, so that its execve can be watched.
static void execve_syscall_stops(char **argv)
{
    pid_t child = fork();
    if (child == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        kill(getpid(), SIGSTOP);
        char *args[] = { argv[0], "child", NULL };
        execv(argv[0], args);
        _exit(102);
    }
    int status;
    waitpid(child, &status, 0);
    check("second tracee: stopped by SIGSTOP", WSTOPSIG(status), SIGSTOP);
    struct user_regs_struct r;
    for (int i = 0; i < 2; i++) {
        ptrace(PTRACE_SYSCALL, child, 0, 0);
        waitpid(child, &status, 0);
        ptrace(PTRACE_GETREGS, child, 0, &r);
        printf("syscall-%s-stop: signal %d, orig_rax %ld, rax %ld\n", i ? "exit" : "enter",
               WSTOPSIG(status), (long)r.orig_rax, (long)r.rax);
    }
    ptrace(PTRACE_SYSCALL, child, 0, 0);
    waitpid(child, &status, 0);
    check("then the SIGTRAP of the exec", WSTOPSIG(status), SIGTRAP);
    long cont = ptrace(PTRACE_CONT, child, 0, 0);
    pid_t waited = waitpid(child, &status, 0);
    check("PTRACE_CONT", cont, 0);
    check("exits with 7", waited == child && WIFEXITED(status) ? WEXITSTATUS(status) : -1, 7);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1) {
        printf("child: running after exec\n");
        return 7;
    }
    pid_t child = fork();
    if (child == 0) {
        if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
            _exit(100);
        errno = 0;
        long again = ptrace(PTRACE_TRACEME, 0, 0, 0);
        if (again != -1 || errno != EPERM)
            _exit(101);     /* a second TRACEME: EPERM */
        char *args[] = { argv[0], "child", NULL };
        execv(argv[0], args);
        _exit(102);
    }
    int status;
    check("waitpid returns the tracee", waitpid(child, &status, 0), child);
    check("stopped, not exited", WIFSTOPPED(status), 1);
    check("stop signal is SIGTRAP", WSTOPSIG(status), SIGTRAP);
    check("status word", status, 0x57f);

    siginfo_t si;
    memset(&si, 0xff, sizeof si);
    check("PTRACE_GETSIGINFO", ptrace(PTRACE_GETSIGINFO, child, 0, &si), 0);
    check("si_signo", si.si_signo, SIGTRAP);
    check("si_code is SI_USER", si.si_code, SI_USER);
    check("si_pid is the tracee itself", si.si_pid, child);
    check("si_uid", si.si_uid, 0);

    /* (Print nothing while the tracee runs: its line would race with ours.) */
    long cont = ptrace(PTRACE_CONT, child, 0, 0);
    pid_t waited = waitpid(child, &status, 0);
    check("PTRACE_CONT with no signal", cont, 0);
    check("waitpid after the tracee exits", waited, child);
    check("exited", WIFEXITED(status), 1);
    check("exit status", WEXITSTATUS(status), 7);
    errno = 0;
    check("PTRACE_CONT on a reaped tracee", ptrace(PTRACE_CONT, child, 0, 0), -1);
    check("errno ESRCH", errno, ESRCH);
    execve_syscall_stops(argv);
    return failures != 0;
}
