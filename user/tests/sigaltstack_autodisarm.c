// sigaltstack_autodisarm: SS_AUTODISARM disables the altstack while its handler runs
// lab: 3
//
// With SS_AUTODISARM the altstack is disabled as a handler is entered on it.
// Inside, sigaltstack reports it disabled (SS_DISABLE, NULL, 0), so the handler
// may install another altstack (no EPERM), and a nested SA_ONSTACK signal runs
// on that new one. The frame's uc_stack still holds the armed configuration,
// flags SS_AUTODISARM, which sigreturn would put back (sigreturn_altstack.c).
//
// The handlers leave by siglongjmp: the test does not need sigreturn. So the
// first altstack is not re-armed afterwards: the second one stays.

#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

#define ALT_SIZE 65536

static char *alt1, *alt2;
static sigjmp_buf env;
static int on1, nested_on2, q_flags, q_sp_null, q_size, uc_flags, uc_sp_ok, set_result;

static int within(const void *p, const char *base)
{
    return (const char *)p >= base && (const char *)p < base + ALT_SIZE;
}

static void nested(int sig)
{
    int local;
    (void)sig;
    nested_on2 = within(&local, alt2);
    siglongjmp(env, 1);
}

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    stack_t now, ss2 = { .ss_sp = alt2, .ss_size = ALT_SIZE, .ss_flags = 0 };
    int local;
    (void)sig, (void)info;

    on1 = within(&local, alt1);
    syscall(SYS_sigaltstack, NULL, &now);
    q_flags = now.ss_flags;
    q_sp_null = now.ss_sp == NULL;
    q_size = now.ss_size;
    uc_flags = uc->uc_stack.ss_flags;
    uc_sp_ok = uc->uc_stack.ss_sp == alt1 && uc->uc_stack.ss_size == ALT_SIZE;
    long r = syscall(SYS_sigaltstack, &ss2, NULL);
    set_result = r == -1 ? -errno : r;
    raise(SIGUSR2);
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    struct sigaction sa2 = { .sa_handler = nested, .sa_flags = SA_ONSTACK };
    sigset_t empty;
    stack_t ss, now;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    alt1 = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    alt2 = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ss = (stack_t){ .ss_sp = alt1, .ss_size = ALT_SIZE, .ss_flags = SS_AUTODISARM };
    check("sigaltstack(SS_AUTODISARM) succeeds", syscall(SYS_sigaltstack, &ss, NULL), 0);
    syscall(SYS_sigaltstack, NULL, &now);
    check("query shows SS_AUTODISARM", (unsigned)now.ss_flags, SS_AUTODISARM);

    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa2, NULL);
    if (sigsetjmp(env, 1) == 0)
        raise(SIGUSR1);
    check("handler ran on the first altstack", on1, 1);
    check("inside: query says SS_DISABLE", q_flags, SS_DISABLE);
    check("inside: query ss_sp NULL", q_sp_null, 1);
    check("inside: query ss_size 0", q_size, 0);
    check("uc_stack holds the armed altstack", uc_sp_ok, 1);
    check("uc_stack.ss_flags is SS_AUTODISARM", (unsigned)uc_flags, SS_AUTODISARM);
    check("inside: installing a second altstack succeeds", set_result, 0);
    check("nested SA_ONSTACK handler ran on the second altstack", nested_on2, 1);
    syscall(SYS_sigaltstack, NULL, &now);
    check("afterwards the second altstack is configured",
          now.ss_sp == alt2 && now.ss_size == ALT_SIZE && now.ss_flags == 0, 1);
    return failures != 0;
}
