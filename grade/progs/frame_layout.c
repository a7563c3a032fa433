// frame_layout (lab 3): the frame is Linux's struct rt_sigframe, where Linux puts
// it (get_sigframe), and the handler starts the way Linux starts it:
//   - below the interrupted rsp's 128-byte red zone: first the 512-byte fxsave
//     area, 64-byte aligned, then the 440-byte frame at round_down(sp, 16) - 8, so
//     the handler starts with rsp % 16 == 8, as right after a call;
//   - rsp points at pretcode (the sa_restorer), rdi = signal, rsi = &frame->info
//     (rsp + 312), rdx = &frame->uc (rsp + 8), rax = 0, DF clear;
//   - uc_mcontext holds the interrupted registers: rip just after the syscall that
//     sent the signal, rsp, rax (that syscall's result), callee-saved registers,
//     eflags (with the DF we set), cs and ss; fpstate points at the fxsave area.
//
// An assembly entry stub records the registers before any C code runs; the handler
// then exits (lab 3 cannot return from a handler yet).
//
// usage: frame_layout SIG NONCE STATUS

#include "grade.h"
#include <ucontext.h>

extern void entry(void);
extern void restorer(void);
extern void kill_with_regs(long pid, long sig, const uint64_t vals[6]);
extern char after_syscall[];

uint64_t entry_rsp, entry_rdi, entry_rsi, entry_rdx, entry_rax, entry_rflags, kill_rsp;

asm(".text\n"
    // kill(pid, sig) with rbx, rbp, r12-r15 loaded from vals and DF set.
    ".globl kill_with_regs\n"
    "kill_with_regs:\n"
    "  push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "  mov 0(%rdx), %rbx; mov 8(%rdx), %rbp; mov 16(%rdx), %r12\n"
    "  mov 24(%rdx), %r13; mov 32(%rdx), %r14; mov 40(%rdx), %r15\n"
    "  mov $62, %eax\n"
    "  mov %rsp, kill_rsp(%rip)\n"
    "  std\n"
    "  syscall\n"
    ".globl after_syscall\n"
    "after_syscall:\n"
    "  cld\n"
    "  pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "  ret\n"
    // The handler's first instructions: record, then call C (which exits).
    ".globl entry\n"
    "entry:\n"
    "  mov %rsp, entry_rsp(%rip)\n"
    "  mov %rdi, entry_rdi(%rip)\n"
    "  mov %rsi, entry_rsi(%rip)\n"
    "  mov %rdx, entry_rdx(%rip)\n"
    "  mov %rax, entry_rax(%rip)\n"
    "  pushfq\n"
    "  popq entry_rflags(%rip)\n"
    "  and $-16, %rsp\n"
    "  call c_handler\n"
    "  ud2\n"
    ".globl restorer\n"
    "restorer:\n"
    "  mov $15, %eax\n"
    "  syscall\n"
    "  ud2\n");

static uint64_t vals[6];
static int status;

static const char *yes(int cond) { return cond ? "yes" : "no"; }

void c_handler(int sig, siginfo_t *si, ucontext_t *uc)
{
    (void)si;
    greg_t *g = uc->uc_mcontext.gregs;
    uint64_t sp = kill_rsp;
    uint64_t fpstate = (sp - 128 - 512) & ~63ULL;
    uint64_t frame = ((fpstate - 440) & ~15ULL) - 8;

    printf("handler: signal %s, rdi %s\n", signame(sig), signame((int)entry_rdi));
    printf("rsp %% 16 == 8 on entry: %s\n", yes(entry_rsp % 16 == 8));
    printf("frame where Linux puts it, below the red zone: %s\n", yes(entry_rsp == frame));
    printf("return address is sa_restorer: %s\n", yes(*(uint64_t *)entry_rsp == (uint64_t)restorer));
    printf("rsi = rsp + 312 (the siginfo): %s\n", yes(entry_rsi == entry_rsp + 312));
    printf("rdx = rsp + 8 (the ucontext): %s\n", yes(entry_rdx == entry_rsp + 8));
    printf("rax = 0: %s\n", yes(entry_rax == 0));
    printf("DF clear in the handler: %s\n", yes(!(entry_rflags & 0x400)));
    printf("uc_link NULL: %s\n", yes(uc->uc_link == NULL));
    printf("saved rip just after the syscall: %s\n", yes((uint64_t)g[REG_RIP] == (uint64_t)after_syscall));
    printf("saved rsp is the interrupted one: %s\n", yes((uint64_t)g[REG_RSP] == sp));
    printf("saved rax (kill's result): %lld\n", g[REG_RAX]);
    printf("saved rbx %lld rbp %lld r12 %lld r13 %lld r14 %lld r15 %lld\n", g[REG_RBX],
           g[REG_RBP], g[REG_R12], g[REG_R13], g[REG_R14], g[REG_R15]);
    printf("saved eflags: DF set %s, IF set %s\n", yes(g[REG_EFL] & 0x400), yes(g[REG_EFL] & 0x200));
    printf("saved cs %#llx ss %#llx\n", g[REG_CSGSFS] & 0xffff, (g[REG_CSGSFS] >> 48) & 0xffff);
    printf("fpstate: the 64-byte aligned area above the frame: %s\n",
           yes((uint64_t)uc->uc_mcontext.fpregs == fpstate));
    _exit(status);
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1);
    long nonce = arg(argc, argv, 2);
    status = arg(argc, argv, 3);
    for (int i = 0; i < 6; i++)
        vals[i] = nonce + i;

    struct ksigaction ka = { (void *)entry, SA_SIGINFO | K_SA_RESTORER, (void *)restorer, 0 };
    if (syscall(SYS_rt_sigaction, sig, &ka, NULL, sizeof(kset)) < 0)
        printf("rt_sigaction: %s\n", strerror(errno));
    kill_with_regs(getpid(), sig, vals);
    printf("kill returned, but no handler ran\n");
    return 1;
}
