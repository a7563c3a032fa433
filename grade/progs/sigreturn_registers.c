// sigreturn_registers (lab 4): rt_sigreturn puts back every register from the
// frame: whatever the handler did to the registers, the interrupted code sees its
// own again; and what the handler wrote into the frame (uc_mcontext, fpstate) is
// what it gets.
//
// Assembly sends the signal with sigqueue (rt_sigqueueinfo) holding known values in
// the registers, and records every register right after the syscall. The handler's
// entry stub sets all it can to -1 before and after calling C. The C handler sets
// r13 to 3 * the signal's value in uc_mcontext and xmm1 to VALUE..VALUE+3 in the
// fxsave area.
//
// usage: sigreturn_registers SIG NONCE VALUE MXCSR

#include "grade.h"
#include <stddef.h>
#include <ucontext.h>

struct call {
    uint64_t in[9];                     // rbx rbp r8 r9 r10 r12 r13 r14 r15
    uint64_t pid, sig, siptr;           // 72
    uint32_t xmm0[4], xmm1[4];          // 96, 112
    uint32_t mxcsr, pad;                // 128
    uint64_t out[15];                   // 136: rbx rcx rdx rsi rdi rbp r8 r9 r10 r11 r12 r13 r14 r15 rax
    uint32_t oxmm0[4], oxmm1[4];        // 256, 272
    uint32_t omxcsr;                    // 288
};
_Static_assert(offsetof(struct call, pid) == 72, "layout");
_Static_assert(offsetof(struct call, xmm0) == 96, "layout");
_Static_assert(offsetof(struct call, mxcsr) == 128, "layout");
_Static_assert(offsetof(struct call, out) == 136, "layout");
_Static_assert(offsetof(struct call, oxmm0) == 256, "layout");
_Static_assert(offsetof(struct call, omxcsr) == 288, "layout");

extern void queue_capture(struct call *c);
extern void entry(void);
extern char queue_rip[];

asm(".text\n"
    ".globl queue_capture\n"
    "queue_capture:\n"
    "  push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "  push %rdi\n"
    "  mov %rdi, %rax\n"
    "  movdqu 96(%rax), %xmm0\n"
    "  movdqu 112(%rax), %xmm1\n"
    "  ldmxcsr 128(%rax)\n"
    "  mov 0(%rax), %rbx; mov 8(%rax), %rbp; mov 16(%rax), %r8\n"
    "  mov 24(%rax), %r9; mov 32(%rax), %r10; mov 40(%rax), %r12\n"
    "  mov 48(%rax), %r13; mov 56(%rax), %r14; mov 64(%rax), %r15\n"
    "  mov 72(%rax), %rdi; mov 80(%rax), %rsi; mov 88(%rax), %rdx\n"
    "  mov $129, %eax\n"
    "  syscall\n"
    ".globl queue_rip\n"
    "queue_rip:\n"
    "  xchg %rax, (%rsp)\n"
    "  mov %rbx, 136(%rax); mov %rcx, 144(%rax); mov %rdx, 152(%rax)\n"
    "  mov %rsi, 160(%rax); mov %rdi, 168(%rax); mov %rbp, 176(%rax)\n"
    "  mov %r8, 184(%rax); mov %r9, 192(%rax); mov %r10, 200(%rax)\n"
    "  mov %r11, 208(%rax); mov %r12, 216(%rax); mov %r13, 224(%rax)\n"
    "  mov %r14, 232(%rax); mov %r15, 240(%rax)\n"
    "  movdqu %xmm0, 256(%rax); movdqu %xmm1, 272(%rax); stmxcsr 288(%rax)\n"
    "  pop %rcx; mov %rcx, 248(%rax)\n"
    "  mov $0x1f80, %ecx; push %rcx; ldmxcsr (%rsp); pop %rcx\n"
    "  pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "  ret\n"
    // The handler: trash every register we may, around the C part.
    ".globl entry\n"
    "entry:\n"
    "  mov $-1, %rbx; mov $-1, %rbp; mov $-1, %r12; mov $-1, %r13; mov $-1, %r14\n"
    "  mov $-1, %r15; mov $-1, %r8; mov $-1, %r9; mov $-1, %r10; mov $-1, %r11\n"
    "  mov $-1, %rcx; pcmpeqd %xmm0, %xmm0; pcmpeqd %xmm1, %xmm1\n"
    "  sub $8, %rsp\n"
    "  call c_handler\n"
    "  add $8, %rsp\n"
    "  mov $-1, %rbx; mov $-1, %rbp; mov $-1, %r12; mov $-1, %r13; mov $-1, %r14\n"
    "  mov $-1, %r15; mov $-1, %r8; mov $-1, %r9; mov $-1, %r10; mov $-1, %r11\n"
    "  mov $-1, %rcx; mov $-1, %rdx; mov $-1, %rsi; mov $-1, %rdi\n"
    "  pcmpeqd %xmm0, %xmm0; pcmpeqd %xmm1, %xmm1\n"
    "  push $0x7f80; ldmxcsr (%rsp); add $8, %rsp\n"
    "  ret\n");

void c_handler(int sig, siginfo_t *si, ucontext_t *uc)
{
    (void)sig;
    int v = si->si_value.sival_int;
    uc->uc_mcontext.gregs[REG_R13] = 3LL * v;
    for (int i = 0; i < 4; i++)
        uc->uc_mcontext.fpregs->_xmm[1].element[i] = v + i;
}

static const char *const names[15] = { "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9",
                                       "r10", "r11", "r12", "r13", "r14", "r15", "rax" };

static uint64_t out(const struct call *c, const char *name)
{
    for (int i = 0; i < 15; i++)
        if (strcmp(names[i], name) == 0)
            return c->out[i];
    return 0;
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1);
    long nonce = arg(argc, argv, 2);
    int value = arg(argc, argv, 3);
    uint32_t mxcsr = arg(argc, argv, 4);

    static struct call c;
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_value.sival_int = value;
    for (int i = 0; i < 9; i++)
        c.in[i] = nonce + i;
    c.pid = getpid();
    c.sig = sig;
    c.siptr = (uint64_t)&si;
    for (int i = 0; i < 4; i++) {
        c.xmm0[i] = (uint32_t)(nonce * 7 + i);
        c.xmm1[i] = 0;
    }
    c.mxcsr = mxcsr;

    on(sig, entry, SA_SIGINFO, 0);
    queue_capture(&c);

    printf("rax (sigqueue's result): %ld\n", (long)out(&c, "rax"));
    const char *kept[] = { "rbx", "rbp", "r8", "r9", "r10", "r12", "r14", "r15" };
    for (int i = 0; i < 8; i++)
        printf("%s: %ld\n", kept[i], (long)out(&c, kept[i]));
    printf("r13, set by the handler: %ld\n", (long)out(&c, "r13"));
    printf("rdi, rsi, rdx (the syscall's arguments) kept: %s\n",
           out(&c, "rdi") == c.pid && out(&c, "rsi") == c.sig && out(&c, "rdx") == c.siptr ? "yes" : "no");
    printf("rcx is the address after the syscall: %s\n", out(&c, "rcx") == (uint64_t)queue_rip ? "yes" : "no");
    printf("xmm0: %u %u %u %u\n", c.oxmm0[0], c.oxmm0[1], c.oxmm0[2], c.oxmm0[3]);
    printf("xmm1, set by the handler: %d %d %d %d\n", c.oxmm1[0], c.oxmm1[1], c.oxmm1[2], c.oxmm1[3]);
    printf("mxcsr: %#x\n", c.omxcsr);
    return 0;
}
