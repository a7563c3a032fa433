// sigreturn_forged: a hand-built frame is returned to like a real one
// lab: 4
//
// rt_sigreturn does not care whether a signal was ever delivered: a well-formed
// frame built by hand is "returned to" like any other. Ours sends execution to
// a landing function with an argument in rdi, a value in rbx, its own stack,
// and a new blocked mask; its fpstate pointer is NULL, which means "reset the
// FPU", so the MXCSR we set beforehand is back at its default 0x1f80.

#define _GNU_SOURCE     // REG_RIP and friends
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

#define UC_SIGCONTEXT_SS        0x2
#define UC_STRICT_RESTORE_SS    0x4

// The kernel reads the frame at rsp - 8: pretcode, then the ucontext (the
// first 304 bytes of musl's ucontext_t have the kernel's layout).
static struct {
    uint64_t pretcode;
    ucontext_t uc;
} frame __attribute__((aligned(16)));

static uint8_t landing_stack[65536] __attribute__((aligned(16)));

// landing_stub saves rbx before any compiled code can use it.
uint64_t landing_rbx;
void landing_stub(long arg);
void landing(long arg);
asm(".text\n"
    "landing_stub:\n\t"
    "mov %rbx, landing_rbx(%rip)\n\t"
    "jmp landing\n");

void landing(long arg)
{
    uint64_t mask = 0;
    uint32_t mxcsr;
    asm volatile("stmxcsr %0" : "=m"(mxcsr));
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("landed\n");
    check("rdi from the frame", arg, 77);
    check("rbx from the frame", landing_rbx == 0x0123456789abcdefULL, 1);
    check("running on the stack from the frame",
          (uint8_t *)&mask > landing_stack && (uint8_t *)&mask < landing_stack + sizeof landing_stack, 1);
    mask = current_mask();
    check("blocked mask from the frame", mask == (BIT(SIGUSR2) | BIT(SIGRTMIN)), 1);
    check("fpstate NULL reset MXCSR to 0x1f80", mxcsr, 0x1f80);
    _exit(failures != 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    mcontext_t *mc = &frame.uc.uc_mcontext;
    uint64_t mask = BIT(SIGUSR2) | BIT(SIGRTMIN);
    uint32_t mxcsr = 0x1f80 | 0x6000;

    frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    frame.uc.uc_stack.ss_flags = SS_DISABLE;
    mc->gregs[REG_RIP] = (greg_t)landing_stub;
    mc->gregs[REG_RSP] = (greg_t)(landing_stack + sizeof landing_stack - 8);  // as after a call
    mc->gregs[REG_RDI] = 77;
    mc->gregs[REG_RBX] = 0x0123456789abcdefLL;
    mc->gregs[REG_EFL] = 0x202;
    mc->gregs[REG_CSGSFS] = 0x33 | (greg_t)0x2b << 48;
    mc->fpregs = NULL;
    memcpy(&frame.uc.uc_sigmask, &mask, 8);

    printf("calling rt_sigreturn with a forged frame\n");
    asm volatile("ldmxcsr %1\n\t"
                 "mov %0, %%rsp\n\t"
                 "mov $15, %%eax\n\t"
                 "syscall\n\t"
                 "ud2"
                 : : "r"(&frame.uc), "m"(mxcsr) : "rax", "rcx", "r11", "memory");
    return 1;
}
