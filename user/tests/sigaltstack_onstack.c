// sigaltstack_onstack: SA_ONSTACK handlers run on the altstack; nesting stays on it
// lab: 3
//
// A handler installed with SA_ONSTACK runs on the alternate signal stack (its
// locals and its frame lie inside it, near the top), one without SA_ONSTACK on
// the normal stack. Inside, sigaltstack reports SS_ONSTACK. A signal taken
// while already on the altstack nests below the current frame on the same
// stack. The uc_stack saved in each frame is the altstack as configured: its
// flags word is the one given to sigaltstack (0 here), not SS_ONSTACK.
//
// The handlers leave by siglongjmp: the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RSP
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

#define ALT_SIZE 65536

static char *alt;
static sigjmp_buf env;

static int on_alt(const void *p)
{
    return (const char *)p >= alt && (const char *)p < alt + ALT_SIZE;
}

// What each level of handler saw.
static struct seen {
    int local_on_alt, frame_on_alt, frame_high, interrupted_on_alt;
    int query_flags, uc_sp_ok, uc_size_ok, uc_flags;
    uint64_t uc_addr;
} seen[2];
static int level;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    struct seen *s = &seen[level];
    stack_t now;
    int local;
    (void)sig, (void)info;

    syscall(SYS_sigaltstack, NULL, &now);
    s->local_on_alt = on_alt(&local);
    s->frame_on_alt = on_alt(uc);
    s->frame_high = (char *)uc > alt + ALT_SIZE / 2;
    s->interrupted_on_alt = on_alt((void *)uc->uc_mcontext.gregs[REG_RSP]);
    s->query_flags = now.ss_flags;
    s->uc_sp_ok = uc->uc_stack.ss_sp == alt;
    s->uc_size_ok = uc->uc_stack.ss_size == ALT_SIZE;
    s->uc_flags = uc->uc_stack.ss_flags;
    s->uc_addr = (uint64_t)uc;
    if (level++ == 0 && sig == SIGUSR1)
        raise(SIGUSR2);     // nests: SIGUSR2 is not blocked here
    siglongjmp(env, 1);
}

static void normal_handler(int sig)
{
    int local;
    (void)sig;
    seen[0].local_on_alt = on_alt(&local);
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    sigset_t empty;
    stack_t ss, now;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ss = (stack_t){ .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
    check("sigaltstack succeeds", syscall(SYS_sigaltstack, &ss, NULL), 0);
    syscall(SYS_sigaltstack, NULL, &now);
    check("query: ss_sp", now.ss_sp == alt, 1);
    check("query: ss_size", now.ss_size, ALT_SIZE);
    check("query: ss_flags 0 (not on it)", now.ss_flags, 0);

    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    if (sigsetjmp(env, 1) == 0)
        raise(SIGUSR1);
    check("SA_ONSTACK: handler's local is on the altstack", seen[0].local_on_alt, 1);
    check("SA_ONSTACK: frame is on the altstack, in its upper half",
          seen[0].frame_on_alt && seen[0].frame_high, 1);
    check("SA_ONSTACK: interrupted rsp was not on it", seen[0].interrupted_on_alt, 0);
    check("SA_ONSTACK: sigaltstack inside says SS_ONSTACK", seen[0].query_flags, SS_ONSTACK);
    check("SA_ONSTACK: uc_stack.ss_sp is the altstack", seen[0].uc_sp_ok, 1);
    check("SA_ONSTACK: uc_stack.ss_size", seen[0].uc_size_ok, 1);
    check("SA_ONSTACK: uc_stack.ss_flags is 0", seen[0].uc_flags, 0);
    check("nested: second handler ran", level, 2);
    check("nested: its frame is on the altstack too", seen[1].frame_on_alt, 1);
    check("nested: below the first frame", seen[1].uc_addr < seen[0].uc_addr, 1);
    check("nested: interrupted rsp was on the altstack", seen[1].interrupted_on_alt, 1);
    check("nested: uc_stack.ss_flags is still 0", seen[1].uc_flags, 0);
    syscall(SYS_sigaltstack, NULL, &now);
    check("after leaving: ss_flags 0 again", now.ss_flags, 0);

    sa.sa_handler = normal_handler;
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    seen[0].local_on_alt = -1;
    if (sigsetjmp(env, 1) == 0)
        raise(SIGUSR1);
    check("without SA_ONSTACK: handler runs on the normal stack", seen[0].local_on_alt, 0);

    // The flags word given to sigaltstack is what frames record: SS_ONSTACK
    // is accepted as a synonym of 0 there, and then recorded as 1.
    ss.ss_flags = SS_ONSTACK;
    check("sigaltstack with SS_ONSTACK succeeds", syscall(SYS_sigaltstack, &ss, NULL), 0);
    syscall(SYS_sigaltstack, NULL, &now);
    check("query still says 0 (not on it)", now.ss_flags, 0);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    level = 0;
    if (sigsetjmp(env, 1) == 0)
        raise(SIGUSR2);
    check("handler ran on the altstack", seen[0].local_on_alt, 1);
    check("uc_stack.ss_flags is the SS_ONSTACK we gave", seen[0].uc_flags, SS_ONSTACK);
    return failures != 0;
}
