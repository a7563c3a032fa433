// async_registers (lab 4): a signal may interrupt any instruction, not just a system
// call. A timer (setitimer, every 10 ms) sends SIGALRM while a loop holds known values
// in all 15 general registers and checks them again and again (flags included: a
// signal between a cmp and its jne must not change the jump). The handler trashes
// every register before it returns; rt_sigreturn must restore them all.
//
// usage: async_registers NONCE TICKS

#include "grade.h"
#include <sys/time.h>

extern void check_loop(void);

uint64_t pattern[15];       // rax rbx rcx rdx rsi rdi rbp r8 r9 r10 r11 r12 r13 r14 r15
uint64_t final[15];
volatile int ticks, wanted;
volatile long budget = 40000000;   // iterations before giving up on the timer
volatile int bad;

#define CHECK(i, reg) "  cmp pattern+" #i "*8(%rip), %" reg "\n  jne bad" #i "\n"
#define BAD(i) "bad" #i ": movl $" #i "+1, bad(%rip); jmp done\n"
#define SAVE(i, reg) "  mov %" reg ", final+" #i "*8(%rip)\n"

asm(".text\n"
    ".globl check_loop\n"
    "check_loop:\n"
    "  push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "  mov pattern+0(%rip), %rax; mov pattern+8(%rip), %rbx; mov pattern+16(%rip), %rcx\n"
    "  mov pattern+24(%rip), %rdx; mov pattern+32(%rip), %rsi; mov pattern+40(%rip), %rdi\n"
    "  mov pattern+48(%rip), %rbp; mov pattern+56(%rip), %r8; mov pattern+64(%rip), %r9\n"
    "  mov pattern+72(%rip), %r10; mov pattern+80(%rip), %r11; mov pattern+88(%rip), %r12\n"
    "  mov pattern+96(%rip), %r13; mov pattern+104(%rip), %r14; mov pattern+112(%rip), %r15\n"
    "1:\n"
    CHECK(0, "rax") CHECK(1, "rbx") CHECK(2, "rcx") CHECK(3, "rdx") CHECK(4, "rsi")
    CHECK(5, "rdi") CHECK(6, "rbp") CHECK(7, "r8") CHECK(8, "r9") CHECK(9, "r10")
    CHECK(10, "r11") CHECK(11, "r12") CHECK(12, "r13") CHECK(13, "r14") CHECK(14, "r15")
    "  push %rax\n"
    "  mov ticks(%rip), %eax\n"
    "  cmp wanted(%rip), %eax\n"
    "  pop %rax\n"
    "  jae done\n"
    "  subq $1, budget(%rip)\n"
    "  jnz 1b\n"
    "done:\n"
    SAVE(0, "rax") SAVE(1, "rbx") SAVE(2, "rcx") SAVE(3, "rdx") SAVE(4, "rsi")
    SAVE(5, "rdi") SAVE(6, "rbp") SAVE(7, "r8") SAVE(8, "r9") SAVE(9, "r10")
    SAVE(10, "r11") SAVE(11, "r12") SAVE(12, "r13") SAVE(13, "r14") SAVE(14, "r15")
    "  pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "  ret\n"
    BAD(0) BAD(1) BAD(2) BAD(3) BAD(4) BAD(5) BAD(6) BAD(7) BAD(8) BAD(9) BAD(10)
    BAD(11) BAD(12) BAD(13) BAD(14)
    // The handler: count, then trash every general register and the flags.
    ".globl entry\n"
    "entry:\n"
    "  addl $1, ticks(%rip)\n"
    "  mov $-1, %rax; mov $-1, %rbx; mov $-1, %rcx; mov $-1, %rdx; mov $-1, %rsi\n"
    "  mov $-1, %rdi; mov $-1, %rbp; mov $-1, %r8; mov $-1, %r9; mov $-1, %r10\n"
    "  mov $-1, %r11; mov $-1, %r12; mov $-1, %r13; mov $-1, %r14; mov $-1, %r15\n"
    "  cmp %rax, %rbx\n"
    "  ret\n");

extern void entry(void);
static const char *const names[15] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
                                       "r9", "r10", "r11", "r12", "r13", "r14", "r15" };

int main(int argc, char **argv)
{
    grade_start();
    long nonce = arg(argc, argv, 1);
    wanted = arg(argc, argv, 2);
    for (int i = 0; i < 15; i++)
        pattern[i] = nonce + i;

    on(SIGALRM, entry, 0, 0);
    struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    check_loop();
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);

    printf("timer signals taken: at least %d: %s\n", wanted, ticks >= wanted ? "yes" : "no");
    if (bad)
        printf("%s changed under a signal: %#lx, not %#lx\n", names[bad - 1],
               (unsigned long)final[bad - 1], (unsigned long)pattern[bad - 1]);
    else
        printf("every register intact\n");
    printf("rbx at the end: %ld, r15 at the end: %ld\n", (long)final[1], (long)final[14]);
    return 0;
}
