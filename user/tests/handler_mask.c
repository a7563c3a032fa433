// handler_mask: the mask inside a handler is old mask + sa_mask + the signal
// lab: 3
//
// While a handler runs, the blocked mask is the mask at delivery, plus the
// action's sa_mask, plus the signal itself (unless SA_NODEFER). SIGKILL and
// SIGSTOP in sa_mask are dropped (rt_sigaction already drops them when storing
// the action). Signals that arrive meanwhile and are in that mask wait.
//
// The handler reads the mask with rt_sigprocmask and leaves by siglongjmp:
// the test does not need sigreturn.

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

static sigjmp_buf env;
static uint64_t inside, pending_inside;

static void handler(int sig)
{
    (void)sig;
    inside = current_mask();
    kill(getpid(), SIGUSR2);        // in sa_mask: must wait
    syscall(SYS_rt_sigpending, &pending_inside, 8);
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = handler };
    uint64_t before = BIT(SIGHUP) | BIT(SIGRTMIN + 1);

    // libc's sigaction fills in the kernel's sa_mask; ask for SIGKILL and
    // SIGSTOP too (the raw call, as libc might filter them).
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaddset(&sa.sa_mask, SIGRTMAX);
    sigaction(SIGUSR1, &sa, NULL);
    struct ksigaction k;
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 8);
    k.mask |= BIT(SIGKILL) | BIT(SIGSTOP);
    syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 8);
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 8);
    check("stored sa_mask has SIGKILL and SIGSTOP dropped",
          k.mask == (BIT(SIGUSR2) | BIT(SIGRTMAX)), 1);
    signal(SIGUSR2, SIG_IGN);       // harmless if it ever got through
    sigemptyset(&sa.sa_mask);

    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &before, NULL, 8);
    if (sigsetjmp(env, 1) == 0) {
        kill(getpid(), SIGUSR1);
        printf("handler did not run\n");
        return 1;
    }
    check("mask inside = before | sa_mask | SIGUSR1", inside == (before | BIT(SIGUSR2) | BIT(SIGRTMAX) | BIT(SIGUSR1)), 1);
    check("SIGKILL and SIGSTOP not blocked inside", inside & (BIT(SIGKILL) | BIT(SIGSTOP)), 0);
    check("SIGUSR2 sent inside stayed pending", (pending_inside & BIT(SIGUSR2)) != 0, 1);
    check("siglongjmp restored the mask from before", current_mask() == before, 1);
    return failures != 0;
}
