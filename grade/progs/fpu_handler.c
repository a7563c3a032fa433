// fpu_handler (lab 3): the interrupted FPU/SSE state is saved in the frame (the
// fxsave area uc_mcontext.fpregs points to), and the handler starts with a clean
// FPU: MXCSR 0x1f80, xmm registers zero.
//
// usage: fpu_handler SIG MXCSR X0 X1 X2 X3
//   MXCSR is set, and xmm0 loaded with the 32-bit words X0..X3, just before the
//   kill that sends SIG.

#include "grade.h"
#include <ucontext.h>

extern void entry(void);
extern void kill_with_fpu(long pid, long sig, const uint32_t xmm[4], const uint32_t *mxcsr);

uint32_t entry_xmm0[4], entry_mxcsr;

asm(".text\n"
    ".globl kill_with_fpu\n"
    "kill_with_fpu:\n"
    "  movdqu (%rdx), %xmm0\n"
    "  ldmxcsr (%rcx)\n"
    "  mov $62, %eax\n"
    "  syscall\n"
    "  ret\n"
    ".globl entry\n"
    "entry:\n"
    "  movdqu %xmm0, entry_xmm0(%rip)\n"
    "  stmxcsr entry_mxcsr(%rip)\n"
    "  and $-16, %rsp\n"
    "  call c_handler\n"
    "  ud2\n");

void c_handler(int sig, siginfo_t *si, ucontext_t *uc)
{
    (void)si;
    struct _fpstate *fp = uc->uc_mcontext.fpregs;
    printf("handler: signal %s\n", signame(sig));
    if (!fp) {
        printf("no fpstate in the frame\n");
        _exit(1);
    }
    printf("saved mxcsr %#x\n", fp->mxcsr);
    printf("saved xmm0 %u %u %u %u\n", fp->_xmm[0].element[0], fp->_xmm[0].element[1],
           fp->_xmm[0].element[2], fp->_xmm[0].element[3]);
    printf("mxcsr in the handler %#x\n", entry_mxcsr);
    printf("xmm0 in the handler %u %u %u %u\n", entry_xmm0[0], entry_xmm0[1],
           entry_xmm0[2], entry_xmm0[3]);
    _exit(0);
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1);
    uint32_t mxcsr = arg(argc, argv, 2);
    uint32_t x[4];
    for (int i = 0; i < 4; i++)
        x[i] = (uint32_t)arg(argc, argv, 3 + i);

    on(sig, entry, SA_SIGINFO, 0);
    kill_with_fpu(getpid(), sig, x, &mxcsr);
    printf("kill returned, but no handler ran\n");
    return 1;
}
