// stack_overflow_altstack: a stack overflow can only be caught on an altstack
// lab: 3
//
// Unbounded recursion runs into the guard page below its stack and faults
// (SIGSEGV, SEGV_ACCERR, si_addr in the guard page). There is no room left on
// that stack for a signal frame, so only a handler on an alternate stack
// (SA_ONSTACK) can catch it; it does, and escapes with siglongjmp. Without an
// altstack the frame cannot be written and the process is killed by SIGSEGV
// instead (status 139).
//
// The recursion runs on a stack of our own (mmap: 16 KiB of PROT_NONE guard
// under 64 KiB), so the result does not depend on how the kernel grows the
// main stack or on RLIMIT_STACK.

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define GUARD_SIZE 16384    // larger than any signal frame
#define STACK_SIZE 65536
#define ALT_SIZE 65536

static char *guard, *alt;
static sigjmp_buf env;
static int code, addr_in_guard, on_alt;

static void handler(int sig, siginfo_t *info, void *uc)
{
    int local;
    (void)sig, (void)uc;
    code = info->si_code;
    addr_in_guard = (char *)info->si_addr >= guard && (char *)info->si_addr < guard + GUARD_SIZE;
    on_alt = (char *)&local >= alt && (char *)&local < alt + ALT_SIZE;
    siglongjmp(env, 1);
}

// Not a tail call: the result is used after the call returns. The limit is
// far beyond what fits (and volatile, so the compiler cannot see that).
static volatile int limit = 1 << 30;

__attribute__((noinline)) static int recurse(int n)
{
    volatile char buf[200];
    buf[0] = (char)n;
    if (n >= limit)
        return 0;
    return recurse(n + 1) + buf[0];
}

static void overflow(void)
{
    recurse(0);
}

// Call fn with rsp = top (16-byte aligned), on the stack we made.
static void call_on_stack(void (*fn)(void), char *top)
{
    asm volatile("mov %%rsp, %%rbx\n\t"
                 "mov %1, %%rsp\n\t"
                 "call *%0\n\t"
                 "mov %%rbx, %%rsp"
                 : : "r"(fn), "r"(top)
                 : "rbx", "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
}

static char *make_stack(void)
{
    // PROT_NONE for the whole range, then the usable part mapped over it.
    guard = mmap(NULL, GUARD_SIZE + STACK_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mmap(guard + GUARD_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return guard + GUARD_SIZE + STACK_SIZE;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    struct rlimit nocore = { 0, 0 };
    sigset_t empty;
    int status;

    setrlimit(RLIMIT_CORE, &nocore);
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    char *top = make_stack();

    // Without an altstack, in a child: death by SIGSEGV.
    pid_t pid = fork();
    if (pid == 0) {
        sigaction(SIGSEGV, &sa, NULL);
        call_on_stack(overflow, top);
        _exit(1);
    }
    waitpid(pid, &status, 0);
    check("no altstack: killed by SIGSEGV",
          WIFSIGNALED(status) ? WTERMSIG(status) : -WEXITSTATUS(status), SIGSEGV);

    alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(env, 1) == 0) {
        call_on_stack(overflow, top);
        printf("recursion returned?\n");
        return 1;
    }
    printf("caught the overflow and escaped\n");
    check("handler ran on the altstack", on_alt, 1);
    check("si_code SEGV_ACCERR (the guard page is mapped, PROT_NONE)", code, SEGV_ACCERR);
    check("si_addr is in the guard page", addr_in_guard, 1);
    return failures != 0;
}
