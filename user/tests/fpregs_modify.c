// fpregs_modify: a handler's changes to fpregs (xmm, MXCSR) take effect after sigreturn
// lab: 4
//
// sigreturn restores the FPU/SSE state from the area the frame's fpregs points
// to, so a handler's changes there take effect: here it rewrites xmm3 and
// MXCSR, and the interrupted code sees the new values after the handler
// returns.

#define _GNU_SOURCE     // REG_RIP
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#include "sigtest.h"

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    for (int i = 0; i < 4; i++)
        uc->uc_mcontext.fpregs->_xmm[3].element[i] = 0xc0ffee00u + (uint32_t)i;
    uc->uc_mcontext.fpregs->mxcsr = 0x1f80 | 0x6000;    // round toward zero
    uc->uc_mcontext.gregs[REG_RIP] += 2;                 // past the ud2
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t empty;
    uint32_t x3[4], x4[4], mxcsr;
    static const uint32_t before[4] = { 1, 2, 3, 4 };

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGILL, &sa, NULL);

    asm volatile("movdqu %[b], %%xmm3\n\t"
                 "movdqu %[b], %%xmm4\n\t"
                 "ud2\n\t"
                 "movdqu %%xmm3, %[x3]\n\t"
                 "movdqu %%xmm4, %[x4]\n\t"
                 "stmxcsr %[mx]"
                 : [x3] "=m"(x3), [x4] "=m"(x4), [mx] "=m"(mxcsr)
                 : [b] "m"(before) : "xmm3", "xmm4", "memory");
    uint32_t def = 0x1f80;
    asm volatile("ldmxcsr %0" : : "m"(def));

    check("xmm3 word 0 set by the handler", x3[0], 0xc0ffee00);
    check("xmm3 word 3 set by the handler", x3[3], 0xc0ffee03);
    check("xmm4 untouched", memcmp(x4, before, 16), 0);
    check("MXCSR set by the handler", mxcsr, 0x1f80 | 0x6000);
    return failures != 0;
}
