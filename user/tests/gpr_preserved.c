// gpr_preserved: every general register and the flags survive a clobbering handler
// lab: 4
//
// A handler that clobbers every general register does not disturb the
// interrupted code: after it returns (through sigreturn), all of rax..r15 (rsp
// included) and the arithmetic flags are as they were at the faulting
// instruction. The fault is a ud2; the SIGILL handler steps rip over it (2
// bytes) so execution resumes after it.

#define _GNU_SOURCE     // REG_RIP
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

#include "sigtest.h"

static int handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    handled++;
    uc->uc_mcontext.gregs[REG_RIP] += 2;
    // Scribble over every register the compiler lets us name.
    asm volatile("mov $-1, %%rax\n\tmov $-1, %%rbx\n\tmov $-1, %%rcx\n\tmov $-1, %%rdx\n\t"
                 "mov $-1, %%rsi\n\tmov $-1, %%rdi\n\tmov $-1, %%r8\n\tmov $-1, %%r9\n\t"
                 "mov $-1, %%r10\n\tmov $-1, %%r11\n\tmov $-1, %%r12\n\tmov $-1, %%r13\n\t"
                 "mov $-1, %%r14\n\tmov $-1, %%r15\n\t"
                 "xor %%eax, %%eax"         // and the flags: ZF set, CF clear
                 ::: "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
                     "r12", "r13", "r14", "r15", "cc");
}

// Registers in, ud2, registers out. rbp and rsp are saved and compared by
// hand; the other 14 go through the arrays.
// regs[0..15] go in, regs[16..31] come out (at regs + 128 bytes).
static uint64_t regs[32], flags_out;

static const char *const names[16] = {
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

__attribute__((noinline)) static void run(void)
{
    asm volatile(
        "push %%rbp\n\t"
        "mov %%rsp, 56(%[regs])\n\t"          // rsp as it will be at the ud2
        "mov %[regs], %%rax\n\t"
        "push %%rax\n\t"                    // keep regs; the outputs go at regs + 128
        "mov $1, %%ecx\n\t"
        "cmp $2, %%ecx\n\t"                 // 1 - 2: CF=1, SF=1, ZF=0 (movs keep flags)
        "mov 8(%%rax), %%rbx\n\t"
        "mov 16(%%rax), %%rcx\n\t"
        "mov 24(%%rax), %%rdx\n\t"
        "mov 32(%%rax), %%rsi\n\t"
        "mov 40(%%rax), %%rdi\n\t"
        "mov 48(%%rax), %%rbp\n\t"
        "mov 64(%%rax), %%r8\n\t"
        "mov 72(%%rax), %%r9\n\t"
        "mov 80(%%rax), %%r10\n\t"
        "mov 88(%%rax), %%r11\n\t"
        "mov 96(%%rax), %%r12\n\t"
        "mov 104(%%rax), %%r13\n\t"
        "mov 112(%%rax), %%r14\n\t"
        "mov 120(%%rax), %%r15\n\t"
        "mov 0(%%rax), %%rax\n\t"
        "ud2\n\t"
        "pushfq\n\t"
        "push %%rax\n\t"
        "mov 16(%%rsp), %%rax\n\t"          // regs
        "lea 128(%%rax), %%rax\n\t"         // regs + 16
        "mov %%rbx, 8(%%rax)\n\t"
        "mov %%rcx, 16(%%rax)\n\t"
        "mov %%rdx, 24(%%rax)\n\t"
        "mov %%rsi, 32(%%rax)\n\t"
        "mov %%rdi, 40(%%rax)\n\t"
        "mov %%rbp, 48(%%rax)\n\t"
        "mov %%r8, 64(%%rax)\n\t"
        "mov %%r9, 72(%%rax)\n\t"
        "mov %%r10, 80(%%rax)\n\t"
        "mov %%r11, 88(%%rax)\n\t"
        "mov %%r12, 96(%%rax)\n\t"
        "mov %%r13, 104(%%rax)\n\t"
        "mov %%r14, 112(%%rax)\n\t"
        "mov %%r15, 120(%%rax)\n\t"
        "pop %%rbx\n\t"                     // the rax we had after the ud2
        "mov %%rbx, 0(%%rax)\n\t"
        "pop %%rbx\n\t"                     // the flags
        "mov %%rbx, %[flags]\n\t"
        "lea 8(%%rsp), %%rbx\n\t"           // rsp at the ud2 (before pushfq)
        "mov %%rbx, 56(%%rax)\n\t"
        "pop %%rax\n\t"
        "pop %%rbp"
        : [flags] "=m"(flags_out)
        : [regs] "r"(regs)
        : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
          "r12", "r13", "r14", "r15", "memory", "cc");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t empty;
    char what[64];

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGILL, &sa, NULL);
    for (int i = 0; i < 16; i++)
        regs[i] = 0x0101010101010101ULL * (uint64_t)(i + 1) ^ 0xa5a5000000005a5aULL;

    run();
    check("SIGILL handler ran once", handled, 1);
    for (int i = 0; i < 16; i++) {
        snprintf(what, sizeof what, "%s preserved", names[i]);
        check(what, regs[16 + i] == regs[i], 1);
    }
    check("CF preserved (set)", flags_out & 1, 1);
    check("SF preserved (set)", flags_out & 0x80, 0x80);
    check("ZF preserved (clear)", flags_out & 0x40, 0);
    return failures != 0;
}
