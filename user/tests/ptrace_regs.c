// ptrace_regs: at a signal-delivery-stop right after kill() returned, PTRACE_GETREGS
// shows the system call the tracee made (orig_rax = SYS_kill, its arguments in
// rdi/rsi, its result 0 in rax) and the 64-bit user segments; PTRACE_PEEKUSER reads
// the same words out of struct user; PTRACE_SETREGS changes rax, so the tracee's
// kill() "returns" 1234, and rbx, which the tracee reads back. Bad register values
// (a ring-0 code selector) and bad offsets are EIO, a bad buffer EFAULT.

#include "sigtest.h"
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

static void tracee(void)
{
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    long r = syscall(SYS_kill, getpid(), SIGUSR1);     /* stops here, on the way out */
    printf("tracee: kill returned %ld\n", r);
    long rbx;
    /* The tracer also stored 0x5eed in rbx: read it straight after another stop. */
    register long rbx_after asm("rbx");
    asm volatile("mov $0x1111, %%rbx\n\t"
                 "mov %1, %%rax\n\t"
                 "mov %2, %%rdi\n\t"
                 "mov %3, %%rsi\n\t"
                 "syscall"
                 : "=&r"(rbx_after)
                 : "i"(SYS_kill), "r"((long)getpid()), "i"((long)SIGUSR2)
                 : "rax", "rdi", "rsi", "rcx", "r11", "memory");
    rbx = rbx_after;
    printf("tracee: rbx after the second stop: %#lx\n", rbx);
    _exit(0);
}

static long peekuser(pid_t child, size_t offset)
{
    errno = 0;
    return ptrace(PTRACE_PEEKUSER, child, (void *)offset, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t child = fork();
    if (child == 0)
        tracee();
    int status;
    waitpid(child, &status, 0);
    check("stopped with SIGUSR1", WSTOPSIG(status), SIGUSR1);

    struct user_regs_struct regs;
    memset(&regs, 0xff, sizeof regs);
    check("PTRACE_GETREGS", ptrace(PTRACE_GETREGS, child, 0, &regs), 0);
    check("orig_rax is SYS_kill", regs.orig_rax, SYS_kill);
    check("rax is kill's result", regs.rax, 0);
    check("rdi is the pid", regs.rdi, child);
    check("rsi is SIGUSR1", regs.rsi, SIGUSR1);
    check("cs", regs.cs, 0x33);
    check("ss", regs.ss, 0x2b);
    check("ds es fs gs", regs.ds | regs.es | regs.fs | regs.gs, 0);
    check("eflags has IF", (regs.eflags >> 9) & 1, 1);
    check("rip is in user space", regs.rip != 0 && regs.rip < 0x800000000000UL, 1);
    check("fs_base is set (TLS)", regs.fs_base != 0, 1);

    check("PEEKUSER orig_rax", peekuser(child, offsetof(struct user, regs.orig_rax)), SYS_kill);
    check("PEEKUSER rsi", peekuser(child, offsetof(struct user, regs.rsi)), SIGUSR1);
    check("PEEKUSER rip", peekuser(child, offsetof(struct user, regs.rip)), (long)regs.rip);
    check("PEEKUSER u_debugreg[7]", peekuser(child, offsetof(struct user, u_debugreg[7])), 0);
    check("PEEKUSER unaligned", peekuser(child, 3) == -1 && errno == EIO, 1);
    check("PEEKUSER past the kernel's struct user (928 bytes)",
          peekuser(child, 928) == -1 && errno == EIO, 1);

    struct user_regs_struct bad = regs;
    bad.cs = 0x10;
    errno = 0;
    check("SETREGS with a ring-0 cs", ptrace(PTRACE_SETREGS, child, 0, &bad), -1);
    check("errno EIO", errno, EIO);
    errno = 0;
    check("GETREGS into a bad buffer", ptrace(PTRACE_GETREGS, child, 0, (void *)8), -1);
    check("errno EFAULT", errno, EFAULT);
    errno = 0;
    check("SETREGS from a bad buffer", ptrace(PTRACE_SETREGS, child, 0, (void *)8), -1);
    check("errno EFAULT", errno, EFAULT);

    regs.rax = 1234;
    check("PTRACE_SETREGS rax = 1234", ptrace(PTRACE_SETREGS, child, 0, &regs), 0);
    ptrace(PTRACE_CONT, child, 0, 0);

    waitpid(child, &status, 0);
    check("stopped with SIGUSR2", WSTOPSIG(status), SIGUSR2);
    ptrace(PTRACE_GETREGS, child, 0, &regs);
    check("the tracee's rbx", regs.rbx, 0x1111);
    regs.rbx = 0x5eed;
    ptrace(PTRACE_SETREGS, child, 0, &regs);
    ptrace(PTRACE_CONT, child, 0, 0);
    check("tracee exits", waitpid(child, &status, 0), child);
    check("exit status 0", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    return failures != 0;
}
