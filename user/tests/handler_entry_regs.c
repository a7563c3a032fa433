// handler_entry_regs: registers at handler entry (rsp % 16 == 8, rdi, rsi, rdx, rax, DF)
// lab: 3
//
// The registers a handler starts with, read by an assembly stub at its first
// instruction. As after a call, rsp % 16 == 8 and [rsp] is the return address,
// which is the action's sa_restorer. rdi is the signal number, rdx points to
// the ucontext at rsp + 8, rsi to the siginfo at rsp + 312 (the rt_sigframe
// layout), and rax is 0. DF and TF are cleared for the handler, though DF was
// set when the signal came. The ucontext holds the interrupted state: rip just
// after the syscall instruction whose return delivered the signal, rax = its
// result, the other registers as they were, and DF set in eflags.
//
// The handler leaves by siglongjmp: the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

// Written by entry_stub before any C code runs.
uint64_t entry_rsp, entry_rdi, entry_rsi, entry_rdx, entry_rax, entry_ret, entry_flags;

void entry_stub(int, siginfo_t *, void *);
void c_handler(int, siginfo_t *, void *);

asm(".text\n"
    "entry_stub:\n\t"
    "mov %rsp, entry_rsp(%rip)\n\t"
    "mov %rdi, entry_rdi(%rip)\n\t"
    "mov %rsi, entry_rsi(%rip)\n\t"
    "mov %rdx, entry_rdx(%rip)\n\t"
    "mov %rax, entry_rax(%rip)\n\t"
    "mov (%rsp), %rax\n\t"
    "mov %rax, entry_ret(%rip)\n\t"
    "pushfq\n\t"
    "pop %rax\n\t"
    "mov %rax, entry_flags(%rip)\n\t"
    "jmp c_handler\n");

static sigjmp_buf env;
static greg_t saved[NGREG];

void c_handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    for (unsigned i = 0; i < NGREG; i++)
        saved[i] = uc->uc_mcontext.gregs[i];
    siglongjmp(env, 1);
}

extern const char after_kill[];

// kill(getpid(), SIGUSR1) by hand, with DF set and known values in the
// registers the syscall does not use.
__attribute__((noinline)) static void send_with_df(void)
{
    asm volatile("mov $39, %%eax\n\t"          // getpid
                 "syscall\n\t"
                 "mov %%rax, %%rdi\n\t"
                 "mov $10, %%esi\n\t"           // SIGUSR1
                 "mov $0x1111111111111111, %%rbx\n\t"
                 "mov $0x0808080808080808, %%r8\n\t"
                 "mov $0x0909090909090909, %%r9\n\t"
                 "mov $0x1010101010101010, %%r10\n\t"
                 "mov $0x1212121212121212, %%r12\n\t"
                 "mov $0x1313131313131313, %%r13\n\t"
                 "mov $0x1414141414141414, %%r14\n\t"
                 "mov $0x1515151515151515, %%r15\n\t"
                 "mov $62, %%eax\n\t"           // kill
                 "std\n\t"
                 "syscall\n"
                 "after_kill:\n\t"
                 "cld"
                 ::: "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
                     "r12", "r13", "r14", "r15", "memory", "cc");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = entry_stub, .sa_flags = SA_SIGINFO };
    struct ksigaction k = { 0 };
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 8);   // to learn libc's sa_restorer

    if (sigsetjmp(env, 1) == 0) {
        send_with_df();
        printf("handler did not run\n");
        return 1;
    }

    check("rsp % 16 == 8 at handler entry", entry_rsp % 16, 8);
    check("[rsp] is sa_restorer", entry_ret == (uint64_t)k.restorer && k.restorer != NULL, 1);
    check("rdi is the signal number", entry_rdi, SIGUSR1);
    check("rdx (ucontext) == rsp + 8", entry_rdx - entry_rsp, 8);
    check("rsi (siginfo) == rsp + 312", entry_rsi - entry_rsp, 312);
    check("rax is 0", entry_rax, 0);
    check("DF clear in the handler", entry_flags & 0x400, 0);
    check("TF clear in the handler", entry_flags & 0x100, 0);
    check("IF set in the handler", entry_flags & 0x200, 0x200);

    check("uc rip is just after the syscall", saved[REG_RIP] == (greg_t)after_kill, 1);
    check("uc rax is kill's result, 0", saved[REG_RAX], 0);
    check("uc rdi is the pid", saved[REG_RDI], getpid());
    check("uc rsi is SIGUSR1", saved[REG_RSI], SIGUSR1);
    check("uc rbx", saved[REG_RBX] == 0x1111111111111111, 1);
    check("uc r8", saved[REG_R8] == 0x0808080808080808, 1);
    check("uc r9", saved[REG_R9] == 0x0909090909090909, 1);
    check("uc r10", saved[REG_R10] == 0x1010101010101010, 1);
    check("uc r12", saved[REG_R12] == 0x1212121212121212, 1);
    check("uc r13", saved[REG_R13] == 0x1313131313131313, 1);
    check("uc r14", saved[REG_R14] == 0x1414141414141414, 1);
    check("uc r15", saved[REG_R15] == 0x1515151515151515, 1);
    check("uc rcx is the return rip (syscall put it there)", saved[REG_RCX] == (greg_t)after_kill, 1);
    check("uc r11 is the rflags syscall saved there", saved[REG_R11] == saved[REG_EFL], 1);
    check("uc eflags has DF set", saved[REG_EFL] & 0x400, 0x400);
    check("uc rsp is above the frame and its red zone",
          (uint64_t)saved[REG_RSP] - 128 >= entry_rsi + 128, 1);
    return failures != 0;
}
