// exhaust_stack: the main stack overflowed, with and without a sigaltstack
// lab: 3
//
// Unbounded recursion on the process's own stack grows it until RLIMIT_STACK
// (8 MiB) and then faults below it: SIGSEGV, SEGV_MAPERR (nothing is mapped
// there). The signal's frame would go on that same full stack, so
//  - with a SIGSEGV handler but no altstack, the frame cannot be written and the
//    kernel kills the process with SIGSEGV;
//  - with the handler on an altstack (SA_ONSTACK), it runs there, and leaves by
//    siglongjmp. The stack is usable again afterwards: the same recursion, to a
//    bounded depth, returns normally, and the whole overflow can be caught again.
// (stack_overflow_altstack does the same on a small stack of its own.)
// Every page the 8 MiB of stack took is free once the process is gone.

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sigtest.h"
#include "exhaust.h"

#define ALT_SIZE 65536

static uint8_t altstack_mem[ALT_SIZE] __attribute__((aligned(16)));
static sigjmp_buf env;
static volatile int on_alt, fault_code;
static volatile uintptr_t fault_addr, deepest;

// Recurse depth levels (or forever, for depth < 0), a kilobyte of stack each.
static int recurse(int depth)
{
    volatile char pad[1024];
    pad[0] = (char)depth;
    deepest = (uintptr_t)pad;
    if (depth == 0)
        return pad[0];
    return recurse(depth - 1) + pad[0];
}

static void on_segv(int sig, siginfo_t *info, void *uc)
{
    uint8_t here;
    (void)sig, (void)uc;
    on_alt = &here >= altstack_mem && &here < altstack_mem + ALT_SIZE;
    fault_code = info->si_code;
    fault_addr = (uintptr_t)info->si_addr;
    siglongjmp(env, 1);
}

static void catch_segv(int flags)
{
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | flags };
    sigaction(SIGSEGV, &sa, NULL);
}

static int without_altstack(void)
{
    struct rlimit nocore = { 0, 0 };
    setrlimit(RLIMIT_CORE, &nocore);
    catch_segv(0);
    if (sigsetjmp(env, 1) == 0)
        recurse(-1);
    printf("  FAIL the handler ran\n");
    return 1;
}

static int with_altstack(void)
{
    stack_t st = { .ss_sp = altstack_mem, .ss_size = ALT_SIZE };
    sigaltstack(&st, NULL);
    catch_segv(SA_ONSTACK);
    uintptr_t top = (uintptr_t)&st;
    for (volatile int round = 1; round <= 2; round++) {
        on_alt = 0;
        if (sigsetjmp(env, 1) == 0)
            recurse(-1);
        printf("overflow %d:\n", round);
        check("  SIGSEGV handled on the altstack", on_alt, 1);
        check("  si_code SEGV_MAPERR", fault_code, SEGV_MAPERR);
        check("  the stack had grown by more than 7 MiB", top - deepest > (7UL << 20), 1);
        check("  si_addr within 64 KiB below the deepest frame",
              fault_addr < deepest && deepest - fault_addr < 65536, 1);
        check("  a bounded recursion works again", recurse(1000) != 12345, 1);
    }
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int bad = run_scenario_ending("stack overflow, handler without altstack",
                                  without_altstack, SIGSEGV);
    bad |= run_scenario("stack overflow, handler on an altstack", with_altstack);
    return bad;
}
