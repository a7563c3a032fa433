// exhaust_signals: handlers that never unwind: SA_NODEFER recursion, 100,000 siglongjmps
// lab: 3
//
// Three ways to pile up signal frames, each in a child:
//  - a SA_NODEFER handler that raises its own signal again before returning:
//    every delivery pushes another frame on the stack until one no longer fits.
//    The kernel cannot deliver the signal then and forces SIGSEGV; with SIGSEGV
//    at its default the process dies of it.
//  - the same, with a SIGSEGV handler on an altstack: that handler runs (on the
//    altstack) and leaves with siglongjmp; the process carries on.
//  - a handler that leaves by siglongjmp, 100,000 times: a frame that is never
//    returned from costs nothing once the stack pointer is back, the mask comes
//    back each time, and the stack pointer ends where it started. 10,000 more
//    leave from an altstack, which is not "in use" afterwards.
// How deep the recursion goes depends on the frame size (Linux's xsave area is
// larger than siglab's fxsave one), so only a lower bound is printed.

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"
#include "exhaust.h"

#define JUMPS     100000
#define ALT_JUMPS 10000
#define ALT_SIZE  65536

static volatile int depth, max_depth;
static sigjmp_buf env;
static volatile int jumps;
static uint8_t altstack_mem[ALT_SIZE] __attribute__((aligned(16)));
static volatile int segv_on_altstack;

static void send_self(int sig) { syscall(SYS_kill, getpid(), sig); }

static void on_usr1_recurse(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    send_self(sig);         // delivered at once (SA_NODEFER): one frame deeper
    depth--;
}

static void on_segv_escape(int sig)
{
    uint8_t here;
    (void)sig;
    segv_on_altstack = &here >= altstack_mem && &here < altstack_mem + ALT_SIZE;
    siglongjmp(env, 1);
}

static void use_altstack(void)
{
    stack_t st = { .ss_sp = altstack_mem, .ss_size = ALT_SIZE };
    sigaltstack(&st, NULL);
}

static void recurse_on_signals(void)
{
    struct sigaction sa = { .sa_handler = on_usr1_recurse, .sa_flags = SA_NODEFER };
    sigaction(SIGUSR1, &sa, NULL);
    send_self(SIGUSR1);
}

static int nodefer_dies(void)
{
    struct rlimit nocore = { 0, 0 };
    setrlimit(RLIMIT_CORE, &nocore);
    signal(SIGSEGV, SIG_DFL);
    recurse_on_signals();
    printf("  FAIL the recursion ended\n");
    return 1;
}

static int nodefer_caught(void)
{
    use_altstack();
    struct sigaction sa = { .sa_handler = on_segv_escape, .sa_flags = SA_ONSTACK };
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(env, 1) == 0) {
        recurse_on_signals();
        printf("  FAIL the recursion ended\n");
        return 1;
    }
    check("SIGSEGV caught after more than 1000 nested handlers", max_depth > 1000, 1);
    check("its handler ran on the altstack", segv_on_altstack, 1);
    check("SIGUSR1 and SIGSEGV unblocked again (siglongjmp's mask)",
          current_mask() & (BIT(SIGUSR1) | BIT(SIGSEGV)), 0);
    return failures != 0;
}

static void on_usr1_jump(int sig)
{
    (void)sig;
    siglongjmp(env, 1);
}

static uintptr_t stack_pointer(void)
{
    uintptr_t sp;
    asm volatile("mov %%rsp, %0" : "=r"(sp));
    return sp;
}

static int longjmp_100000(void)
{
    struct sigaction sa = { .sa_handler = on_usr1_jump };
    sigaction(SIGUSR1, &sa, NULL);
    uintptr_t sp_before = stack_pointer();
    sigsetjmp(env, 1);
    if (jumps < JUMPS) {
        jumps++;
        send_self(SIGUSR1);
    }
    check("100000 siglongjmps out of the handler", jumps, JUMPS);
    check("the stack pointer is where it started", stack_pointer() == sp_before, 1);
    check("SIGUSR1 unblocked after each", current_mask() & BIT(SIGUSR1), 0);

    use_altstack();
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    jumps = 0;
    sigsetjmp(env, 1);
    if (jumps < ALT_JUMPS) {
        jumps++;
        send_self(SIGUSR1);
    }
    stack_t now;
    sigaltstack(NULL, &now);
    check("10000 more from the altstack", jumps, ALT_JUMPS);
    check("the altstack is not in use afterwards", now.ss_flags & SS_ONSTACK, 0);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int bad = run_scenario_ending("SA_NODEFER recursion, SIGSEGV at its default",
                                  nodefer_dies, SIGSEGV);
    bad |= run_scenario("SA_NODEFER recursion, SIGSEGV caught on an altstack", nodefer_caught);
    bad |= run_scenario("a handler that siglongjmps 100000 times", longjmp_100000);
    return bad != 0;
}
