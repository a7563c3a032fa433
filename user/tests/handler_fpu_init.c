// handler_fpu_init: a handler starts with a clean FPU state; the frame holds the old one
// lab: 3
//
// A handler starts with a fresh FPU/SSE state, whatever the interrupted code
// had: MXCSR is the default 0x1f80, the x87 control word the default 0x037f,
// the x87 stack empty (tag word all empty) and xmm0 and xmm15 zero. The
// interrupted values are in the frame's fpregs.
//
// An assembly stub reads the state at the handler's first instruction, before
// any compiler-generated code can touch it. The handler leaves by siglongjmp:
// the test does not need sigreturn.

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

// Written by fpu_stub: MXCSR, the fnstenv image (control word at 0, tag word
// at 8), xmm0 and xmm15.
uint32_t entry_mxcsr;
uint8_t entry_env[28] __attribute__((aligned(16)));
uint8_t entry_xmm0[16] __attribute__((aligned(16)));
uint8_t entry_xmm15[16] __attribute__((aligned(16)));

void fpu_stub(int, siginfo_t *, void *);
void c_handler(int, siginfo_t *, void *);

asm(".text\n"
    "fpu_stub:\n\t"
    "stmxcsr entry_mxcsr(%rip)\n\t"
    "movdqa %xmm0, entry_xmm0(%rip)\n\t"
    "movdqa %xmm15, entry_xmm15(%rip)\n\t"
    "fnstenv entry_env(%rip)\n\t"
    "jmp c_handler\n");

static sigjmp_buf env;
static uint32_t saved_mxcsr;
static uint16_t saved_cwd;
static uint32_t saved_xmm0;

void c_handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    saved_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    saved_cwd = uc->uc_mcontext.fpregs->cwd;
    saved_xmm0 = uc->uc_mcontext.fpregs->_xmm[0].element[0];
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = fpu_stub, .sa_flags = SA_SIGINFO };
    sigset_t empty;
    uint32_t mxcsr = 0x7f80;            // round toward zero (and all masked)
    uint16_t fcw = 0x0f7f;              // x87: round toward zero
    uint32_t pattern[4] = { 0x12345678, 0x9abcdef0, 0x0badf00d, 0xfeedface };
    double one = 1.0;
    pid_t self = getpid();

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGUSR1, &sa, NULL);

    // Dirty every part of the state, then kill(self, SIGUSR1) by hand so that
    // no library code runs in between.
    if (sigsetjmp(env, 1) == 0) {
        asm volatile("ldmxcsr %[mx]\n\t"
                     "fldcw %[cw]\n\t"
                     "fldl %[one]\n\t"
                     "movdqu %[pat], %%xmm0\n\t"
                     "movdqu %[pat], %%xmm15\n\t"
                     "mov $62, %%eax\n\t"
                     "syscall"
                     : : [mx] "m"(mxcsr), [cw] "m"(fcw), [one] "m"(one), [pat] "m"(pattern),
                         "D"((long)self), "S"((long)SIGUSR1)
                     : "rax", "rcx", "r11", "xmm0", "xmm15", "memory", "st");
        printf("handler did not run\n");
        return 1;
    }
    // Back to sane FPU state for printf.
    uint32_t def_mxcsr = 0x1f80;
    uint16_t def_fcw = 0x037f;
    asm volatile("fninit\n\tldmxcsr %0\n\tfldcw %1" : : "m"(def_mxcsr), "m"(def_fcw));

    uint16_t cw, tw;
    memcpy(&cw, entry_env, 2);
    memcpy(&tw, entry_env + 8, 2);
    static const uint8_t zero[16];
    check("handler starts with MXCSR 0x1f80", entry_mxcsr, 0x1f80);
    check("handler starts with x87 control word 0x037f", cw, 0x037f);
    check("handler starts with an empty x87 stack (tag word 0xffff)", tw, 0xffff);
    check("handler starts with xmm0 zero", memcmp(entry_xmm0, zero, 16), 0);
    check("handler starts with xmm15 zero", memcmp(entry_xmm15, zero, 16), 0);
    check("frame holds the interrupted MXCSR", saved_mxcsr, mxcsr);
    check("frame holds the interrupted x87 control word", saved_cwd, fcw);
    check("frame holds the interrupted xmm0", saved_xmm0, pattern[0]);
    return failures != 0;
}
