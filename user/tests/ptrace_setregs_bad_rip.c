// ptrace_setregs_bad_rip: a tracer may set any rip with PTRACE_SETREGS (Linux checks
// none); the tracee then faults on its way back to user mode and gets SIGSEGV: si_code
// SI_KERNEL (128) for a non-canonical address, whose iretq faults in the kernel, and
// SEGV_MAPERR for a canonical one, the kernel half included, whose first instruction
// fetch faults in user mode. The tracer sees that SIGSEGV's delivery-stop too.
#include "sigtest.h"
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    long rips[] = { 0x800000000000UL, 0xffff800000001000UL, 0 };
    for (int i = 0; i < 3; i++) {
        pid_t child = fork();
        if (child == 0) {
            ptrace(PTRACE_TRACEME, 0, 0, 0);
            kill(getpid(), SIGUSR1);
            _exit(0);
        }
        int status;
        waitpid(child, &status, 0);
        struct user_regs_struct r;
        ptrace(PTRACE_GETREGS, child, 0, &r);
        r.rip = rips[i];
        printf("setregs rip %#lx: %ld\n", rips[i], ptrace(PTRACE_SETREGS, child, 0, &r));
        ptrace(PTRACE_CONT, child, 0, 0);
        waitpid(child, &status, 0);
        siginfo_t si;
        memset(&si, 0, sizeof si);
        if (WIFSTOPPED(status))
            ptrace(PTRACE_GETSIGINFO, child, 0, &si);
        printf("  then: stopped %d sig %d si_code %d\n", WIFSTOPPED(status),
               WIFSTOPPED(status) ? WSTOPSIG(status) : WTERMSIG(status), si.si_code);
        ptrace(PTRACE_CONT, child, 0, WIFSTOPPED(status) ? WSTOPSIG(status) : 0);
        waitpid(child, &status, 0);
        printf("  end: signaled %d sig %d\n", WIFSIGNALED(status), WTERMSIG(status));
    }
    return 0;   /* the lines above are the checks: they must match Linux */
}
