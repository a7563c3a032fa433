// ucontext_fault_regs: trapno, err and cr2 in the sigcontext of a fault
// lab: 3
//
// For a signal raised by a CPU exception, the sigcontext records the exception:
// trapno is the vector (0 #DE, 3 #BP, 6 #UD, 13 #GP, 14 #PF), err the error
// code, and for a page fault cr2 the faulting address. Page-fault error codes
// carry the user bit (4), plus 2 for a write and 1 if the page was present: a
// read of NULL gives 4, a write to NULL 6, a write to a read-only page that has
// been read 7.
//
// The handler leaves by siglongjmp: the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "sigtest.h"

static sigjmp_buf env;
static greg_t trapno, err, cr2;
static int signo;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)info;
    signo = sig;
    trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    err = uc->uc_mcontext.gregs[REG_ERR];
    cr2 = uc->uc_mcontext.gregs[REG_CR2];
    siglongjmp(env, 1);
}

__attribute__((noinline)) static void read_at(void *p)
{
    asm volatile("movq (%0), %%rax" : : "r"(p) : "rax", "memory");
}

__attribute__((noinline)) static void write_at(void *p)
{
    asm volatile("movq $1, (%0)" : : "r"(p) : "memory");
}

__attribute__((noinline)) static void divide_by_zero(void)
{
    asm volatile("xor %%ecx, %%ecx\n\tmov $1, %%eax\n\tcltd\n\tidivl %%ecx" ::: "rax", "rcx", "rdx", "cc");
}

__attribute__((noinline)) static void breakpoint(void) { asm volatile("int3"); }
__attribute__((noinline)) static void undefined(void) { asm volatile("ud2"); }
__attribute__((noinline)) static void privileged(void) { asm volatile("hlt"); }

static void page_fault(const char *name, void (*fn)(void *), void *addr, long want_err)
{
    char what[96];
    signo = 0;
    if (sigsetjmp(env, 1) == 0)
        fn(addr);
    snprintf(what, sizeof what, "%s: SIGSEGV", name);
    check(what, signo, SIGSEGV);
    snprintf(what, sizeof what, "%s: trapno 14", name);
    check(what, trapno, 14);
    snprintf(what, sizeof what, "%s: err %ld", name, want_err);
    check(what, err, want_err);
    snprintf(what, sizeof what, "%s: cr2 is the address", name);
    check(what, cr2 == (greg_t)addr, 1);
}

static void other_fault(const char *name, void (*fn)(void), int sig, long want_trapno)
{
    char what[96];
    signo = 0;
    if (sigsetjmp(env, 1) == 0)
        fn();
    snprintf(what, sizeof what, "%s: signal %d", name, sig);
    check(what, signo, sig);
    snprintf(what, sizeof what, "%s: trapno %ld", name, want_trapno);
    check(what, trapno, want_trapno);
    snprintf(what, sizeof what, "%s: err 0", name);
    check(what, err, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    int sigs[] = { SIGSEGV, SIGFPE, SIGILL, SIGTRAP };
    for (int i = 0; i < 4; i++)
        sigaction(sigs[i], &sa, NULL);

    // Read the page first: an untouched page is not present yet on Linux
    // (demand paging), and a write to it would give err 6, not 7.
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    read_at(ro);
    page_fault("read of NULL", read_at, NULL, 4);
    page_fault("write to NULL + 8", write_at, (void *)8, 6);
    page_fault("write to a read-only page", write_at, ro + 0x40, 7);

    other_fault("divide by zero", divide_by_zero, SIGFPE, 0);
    other_fault("int3", breakpoint, SIGTRAP, 3);
    other_fault("ud2", undefined, SIGILL, 6);
    other_fault("hlt", privileged, SIGSEGV, 13);
    return failures != 0;
}
