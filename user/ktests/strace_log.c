// strace_log: the kernel's "strace" option logs every system call as it returns
//
// siglab only. With "strace" on the kernel command line, each call is logged as
// "[pid name] call(rdi, rsi, rdx, r10) = result", arguments in hex; a call the kernel
// does not implement by its number (syscall_N, to look up in syscall_64.tbl) with
// -ENOSYS. rt_sigreturn sets orig_rax to -1 and restores every register, yet is still
// logged by name, with the registers it restored: those of the kill it interrupted.

// cmdline: strace
// log: [2 strace_log] kill(2, 0, 0, 0) = 0
// log: [2 strace_log] syscall_400(1, 2, 3, 4) = -38
// log: [2 strace_log] kill(2, a, 0, 0) = 0
// log: [2 strace_log] rt_sigreturn(2, a, 0, 0) = 0
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
    handled = sig;
}

int main(void)
{
    signal(SIGUSR1, on_usr1);
    long pid = getpid();
    printf("kill(self, 0): %ld\n", syscall(SYS_kill, pid, 0, 0, 0));
    printf("syscall 400: %ld\n", syscall(400, 1, 2, 3, 4) < 0 ? -1L : 0L);
    syscall(SYS_kill, pid, SIGUSR1, 0, 0);
    printf("handler ran for signal %d\n", (int)handled);
    return 0;
}
