// fpu_preserved: xmm0-15, the x87 stack and control word, MXCSR survive a clobbering handler
// lab: 4
//
// The FPU/SSE state survives a handler that clobbers all of it: xmm0..xmm15,
// the x87 register stack (three values pushed), the x87 control word and MXCSR
// are all back after sigreturn.
//
// The signal is sent with a raw kill syscall from assembly, so that no
// library code runs between loading the state and reading it back.

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sigtest.h"

static int handled;

static void handler(int sig)
{
    static const uint8_t junk[16] = { 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef,
                                      0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef };
    uint32_t mx = 0x1f80 | 0x6000;
    uint16_t cw = 0x037f | 0x0c00;
    (void)sig;
    handled++;
    asm volatile("movdqu %0, %%xmm0\n\tmovdqu %0, %%xmm1\n\tmovdqu %0, %%xmm2\n\t"
                 "movdqu %0, %%xmm3\n\tmovdqu %0, %%xmm4\n\tmovdqu %0, %%xmm5\n\t"
                 "movdqu %0, %%xmm6\n\tmovdqu %0, %%xmm7\n\tmovdqu %0, %%xmm8\n\t"
                 "movdqu %0, %%xmm9\n\tmovdqu %0, %%xmm10\n\tmovdqu %0, %%xmm11\n\t"
                 "movdqu %0, %%xmm12\n\tmovdqu %0, %%xmm13\n\tmovdqu %0, %%xmm14\n\t"
                 "movdqu %0, %%xmm15\n\t"
                 "fninit\n\tfldz\n\tfldz\n\tfldz\n\tfldz\n\t"
                 "fldcw %2\n\t"
                 "ldmxcsr %1\n\t"
                 "fninit"
                 : : "m"(junk), "m"(mx), "m"(cw)
                 : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                   "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "memory");
    // fninit left the default control word; MXCSR stays round-toward-zero.
}

static uint8_t xin[16][16], xout[16][16];
static long double st_out[3];
static uint32_t mxcsr_out;
static uint16_t fcw_out;

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = handler };
    sigset_t empty;
    char what[64];
    uint32_t mxcsr_in = 0x1f80 | 0x4000 | 0x8000;   // round down, flush to zero
    uint16_t fcw_in = 0x037f & ~0x0300;              // x87 single precision
    double a = 1.25, b = -3.5, c = 1e300;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++)
            xin[i][j] = (uint8_t)(i * 16 + j + 1);

    pid_t self = getpid();
    asm volatile(
        "movdqu 0(%[x]), %%xmm0\n\tmovdqu 16(%[x]), %%xmm1\n\tmovdqu 32(%[x]), %%xmm2\n\t"
        "movdqu 48(%[x]), %%xmm3\n\tmovdqu 64(%[x]), %%xmm4\n\tmovdqu 80(%[x]), %%xmm5\n\t"
        "movdqu 96(%[x]), %%xmm6\n\tmovdqu 112(%[x]), %%xmm7\n\tmovdqu 128(%[x]), %%xmm8\n\t"
        "movdqu 144(%[x]), %%xmm9\n\tmovdqu 160(%[x]), %%xmm10\n\tmovdqu 176(%[x]), %%xmm11\n\t"
        "movdqu 192(%[x]), %%xmm12\n\tmovdqu 208(%[x]), %%xmm13\n\tmovdqu 224(%[x]), %%xmm14\n\t"
        "movdqu 240(%[x]), %%xmm15\n\t"
        "fldl %[a]\n\tfldl %[b]\n\tfldl %[c]\n\t"
        "fldcw %[fcw]\n\t"
        "ldmxcsr %[mx]\n\t"
        "mov $62, %%eax\n\t"
        "syscall\n\t"
        "stmxcsr %[mxo]\n\t"
        "fnstcw %[fcwo]\n\t"
        "fstpt 0(%[st])\n\tfstpt 16(%[st])\n\tfstpt 32(%[st])\n\t"
        "movdqu %%xmm0, 0(%[y])\n\tmovdqu %%xmm1, 16(%[y])\n\tmovdqu %%xmm2, 32(%[y])\n\t"
        "movdqu %%xmm3, 48(%[y])\n\tmovdqu %%xmm4, 64(%[y])\n\tmovdqu %%xmm5, 80(%[y])\n\t"
        "movdqu %%xmm6, 96(%[y])\n\tmovdqu %%xmm7, 112(%[y])\n\tmovdqu %%xmm8, 128(%[y])\n\t"
        "movdqu %%xmm9, 144(%[y])\n\tmovdqu %%xmm10, 160(%[y])\n\tmovdqu %%xmm11, 176(%[y])\n\t"
        "movdqu %%xmm12, 192(%[y])\n\tmovdqu %%xmm13, 208(%[y])\n\tmovdqu %%xmm14, 224(%[y])\n\t"
        "movdqu %%xmm15, 240(%[y])"
        : [mxo] "=m"(mxcsr_out), [fcwo] "=m"(fcw_out)
        : [x] "r"(xin), [y] "r"(xout), [st] "r"(st_out), [a] "m"(a), [b] "m"(b), [c] "m"(c),
          [fcw] "m"(fcw_in), [mx] "m"(mxcsr_in), "D"((long)self), "S"((long)SIGUSR1)
        : "rax", "rcx", "r11", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
          "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "memory");

    uint32_t def_mxcsr = 0x1f80;
    uint16_t def_fcw = 0x037f;
    asm volatile("ldmxcsr %0\n\tfldcw %1" : : "m"(def_mxcsr), "m"(def_fcw));

    check("handler ran once", handled, 1);
    for (int i = 0; i < 16; i++) {
        snprintf(what, sizeof what, "xmm%d preserved", i);
        check(what, memcmp(xin[i], xout[i], 16), 0);
    }
    check("x87 st(0) preserved (1e300)", st_out[0] == (long double)c, 1);
    check("x87 st(1) preserved (-3.5)", st_out[1] == (long double)b, 1);
    check("x87 st(2) preserved (1.25)", st_out[2] == (long double)a, 1);
    check("x87 control word preserved", fcw_out, fcw_in);
    check("MXCSR preserved", mxcsr_out, mxcsr_in);
    return failures != 0;
}
