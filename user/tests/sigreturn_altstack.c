// sigreturn_altstack: sigreturn restores the altstack settings from uc_stack
// lab: 4
//
// sigreturn also restores the altstack settings from the frame's uc_stack. So
// an SS_AUTODISARM altstack, disarmed while its handler runs, is armed again
// after the return; and a handler (running on the normal stack) that rewrites
// uc_stack installs a new altstack as it returns. Settings sigaltstack would
// refuse (too small) are silently ignored and the return goes ahead.
//
// (On Linux 6.18 a rewrite made by a handler running *on* the altstack is
// ignored, as if sigaltstack had been called from that stack: EPERM. That
// case is left out.)

#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

#define ALT_SIZE 65536

static char *alt1, *alt2;
static int rewrite;         // 0: leave uc_stack, 1: point it at alt2, 2: too small
static int inside_flags;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    stack_t now;
    (void)sig, (void)info;
    syscall(SYS_sigaltstack, NULL, &now);
    inside_flags = now.ss_flags;
    if (rewrite == 1)
        uc->uc_stack = (stack_t){ .ss_sp = alt2, .ss_size = ALT_SIZE, .ss_flags = 0 };
    else if (rewrite == 2)
        uc->uc_stack = (stack_t){ .ss_sp = alt2, .ss_size = 100, .ss_flags = 0 };
}

static stack_t query(void)
{
    stack_t now = { 0 };
    syscall(SYS_sigaltstack, NULL, &now);
    return now;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    sigset_t empty;
    stack_t ss, now;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    alt1 = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    alt2 = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    sigaction(SIGUSR1, &sa, NULL);

    ss = (stack_t){ .ss_sp = alt1, .ss_size = ALT_SIZE, .ss_flags = SS_AUTODISARM };
    syscall(SYS_sigaltstack, &ss, NULL);
    raise(SIGUSR1);
    check("SS_AUTODISARM: disarmed inside the handler", inside_flags, SS_DISABLE);
    now = query();
    check("SS_AUTODISARM: armed again after the return",
          now.ss_sp == alt1 && now.ss_size == ALT_SIZE && (unsigned)now.ss_flags == SS_AUTODISARM, 1);

    ss.ss_flags = 0;
    syscall(SYS_sigaltstack, &ss, NULL);
    sa.sa_flags = SA_SIGINFO;       // from now on the handler uses the normal stack
    sigaction(SIGUSR1, &sa, NULL);
    rewrite = 1;
    raise(SIGUSR1);
    check("handler ran on the normal stack", inside_flags, 0);
    now = query();
    check("rewritten uc_stack installed alt2 on return",
          now.ss_sp == alt2 && now.ss_size == ALT_SIZE && now.ss_flags == 0, 1);

    rewrite = 2;
    raise(SIGUSR1);
    now = query();
    check("a too small uc_stack is ignored: alt2 stays",
          now.ss_sp == alt2 && now.ss_size == ALT_SIZE && now.ss_flags == 0, 1);
    printf("still running\n");
    return failures != 0;
}
