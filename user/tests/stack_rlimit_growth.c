// stack_rlimit_growth: the main stack grows on demand, as far as RLIMIT_STACK says
// lab: 0
//
// Linux gives a new program a small stack area and grows it down whenever a fault
// lands below it, until the stack would exceed RLIMIT_STACK (read at the fault:
// setrlimit applies at once, up or down) or come within stack_guard_gap (256 pages)
// of the area below. A fault past that is SIGSEGV, which a handler on a sigaltstack
// catches. In a child each time, a recursion of 1 KiB frames runs until it faults:
//  - with RLIMIT_STACK at 256 KiB, at 1 MiB, and at 16 MiB (above the 8 MiB default);
//  - with 8 MiB, above a one-page mapping placed 2 MiB below the stack pointer: the
//    stack stops 1 MiB (the guard gap) above it; and above a PROT_NONE page there
//    instead, which needs no gap: the stack grows right down to it.
// And execve leaves the stack room to grow to its limit: with RLIMIT_STACK at 4 TiB,
// the program it starts gets mmap addresses more than 4 TiB below its stack (Linux's
// mmap_base; siglab's default place for them is only 1 TiB below).
// The depth (from where the recursion starts) is printed as a bracket, not exactly:
// the arguments, the environment and Linux's random stack offset take a few KiB.
// (siglab once ignored RLIMIT_STACK: its stack was always 8 MiB.)

#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define KiB 1024UL
#define MiB (1024 * KiB)
#define ALT_SIZE 65536

static uint8_t altstack_mem[ALT_SIZE] __attribute__((aligned(16)));
static sigjmp_buf env;
static volatile int fault_code;
static volatile uintptr_t deepest;

// Recurse until the stack runs out, a kilobyte of stack per level. (Not inlined into
// itself: a frame of several levels could step over a one-page mapping, and the
// fault's si_code would depend on where Linux's random stack offset put it.)
__attribute__((noinline)) static int recurse(int depth)
{
    volatile char pad[1024];
    pad[0] = (char)depth;
    deepest = (uintptr_t)pad;
    if (depth == 1 << 30)
        return pad[0];
    return recurse(depth + 1) + pad[0];
}

static void on_segv(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)uc;
    fault_code = info->si_code;
    siglongjmp(env, 1);
}

static const char *code_name(int code)
{
    return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

// How deep the recursion got from here before its SIGSEGV.
static uintptr_t overflow(void)
{
    stack_t st = { .ss_sp = altstack_mem, .ss_size = ALT_SIZE };
    sigaltstack(&st, NULL);
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    sigaction(SIGSEGV, &sa, NULL);
    volatile uintptr_t top = (uintptr_t)&st;
    if (sigsetjmp(env, 1) == 0)
        recurse(0);
    return top - deepest;
}

static void report(uintptr_t depth, unsigned long at_least_kib, unsigned long more_kib)
{
    printf("  SIGSEGV (%s) on the altstack; reached at least %lu KiB: %s, more than %lu KiB: %s\n",
           code_name(fault_code), at_least_kib, depth >= at_least_kib * KiB ? "yes" : "no",
           more_kib, depth > more_kib * KiB ? "yes" : "no");
}

static void with_limit(unsigned long limit, unsigned long at_least_kib, unsigned long more_kib)
{
    struct rlimit rl = { limit, RLIM_INFINITY };
    if (setrlimit(RLIMIT_STACK, &rl) < 0)
        printf("  FAIL setrlimit\n");
    report(overflow(), at_least_kib, more_kib);
}

// A page 2 MiB below the stack pointer, with protection prot; then the recursion.
static void above_a_mapping(int prot, unsigned long at_least_kib, unsigned long more_kib)
{
    uintptr_t sp_page = (uintptr_t)&prot & ~(uintptr_t)4095;
    void *want = (void *)(sp_page - 2 * MiB);
    void *got = mmap(want, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (got != want)
        printf("  FAIL the page 2 MiB below could not be mapped\n");
    report(overflow(), at_least_kib, more_kib);
}

static void run(const char *what, void (*fn)(unsigned long, unsigned long, unsigned long),
                unsigned long a, unsigned long b, unsigned long c)
{
    printf("%s:\n", what);
    pid_t pid = fork();
    if (pid == 0) {
        fn(a, b, c);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    check("  the child exited normally", WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);
}

static void above_rw(unsigned long unused, unsigned long b, unsigned long c)
{
    (void)unused;
    above_a_mapping(PROT_READ | PROT_WRITE, b, c);
}

static void above_none(unsigned long unused, unsigned long b, unsigned long c)
{
    (void)unused;
    above_a_mapping(PROT_NONE, b, c);
}

// Run again by execve with RLIMIT_STACK at 4 TiB: where does a new mapping go?
static int after_exec(void)
{
    uintptr_t sp = (uintptr_t)&sp;
    uintptr_t m = (uintptr_t)mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("  a new mapping lies more than 4 TiB below the stack: %s\n",
           m < sp && sp - m > (4UL << 40) ? "yes" : "no");
    return 0;
}

static void exec_with_big_limit(const char *self)
{
    printf("RLIMIT_STACK 4 TiB, then execve:\n");
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = { 4UL << 40, RLIM_INFINITY };
        setrlimit(RLIMIT_STACK, &rl);
        execl(self, self, "after-exec", (char *)NULL);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    check("  the program exited normally", WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1)
        return after_exec();
    run("RLIMIT_STACK 256 KiB", with_limit, 256 * KiB, 200, 256);
    run("RLIMIT_STACK 1 MiB", with_limit, 1 * MiB, 960, 1024);
    run("RLIMIT_STACK 16 MiB", with_limit, 16 * MiB, 15 * 1024, 16 * 1024);
    run("a read-write page 2 MiB below", above_rw, 0, 960, 1024);
    run("a PROT_NONE page 2 MiB below", above_none, 0, 1984, 2048);
    exec_with_big_limit(argv[0]);
    return failures != 0;
}
