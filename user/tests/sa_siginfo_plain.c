// sa_siginfo_plain: a handler without SA_SIGINFO still gets the ucontext in rdx on x86-64
// lab: 3
//
// Without SA_SIGINFO the handler is called as handler(int sig); on x86-64 Linux
// the frame is the same rt_sigframe either way, so rsi and rdx still point to
// the siginfo and ucontext, and the ucontext is filled in (here: its uc_sigmask
// is the mask at delivery). Only the siginfo is left unwritten.
//
// The handler leaves by siglongjmp: the test does not need sigreturn.

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

static sigjmp_buf env;
static int got_sig;
static uint64_t got_mask, info_minus_uc;

// Installed without SA_SIGINFO, but declared with three arguments, to look
// at what rsi and rdx hold.
static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    got_sig = sig;
    memcpy(&got_mask, &uc->uc_sigmask, 8);
    info_minus_uc = (uint64_t)info - (uint64_t)uc;
    siglongjmp(env, 1);
}

static void plain(int sig)
{
    got_sig = sig;
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = plain };
    uint64_t mask = BIT(SIGHUP) | BIT(SIGRTMIN + 3);

    sigaction(SIGUSR1, &sa, NULL);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, 8);
    if (sigsetjmp(env, 1) == 0)
        kill(getpid(), SIGUSR1);
    check("plain handler gets the signal number", got_sig, SIGUSR1);

    sa.sa_handler = (void (*)(int))(void (*)(void))handler;     // no SA_SIGINFO
    sigaction(SIGUSR2, &sa, NULL);
    got_sig = 0;
    if (sigsetjmp(env, 1) == 0)
        kill(getpid(), SIGUSR2);
    check("three-argument view: signal number", got_sig, SIGUSR2);
    check("three-argument view: third argument is the ucontext (uc_sigmask right)",
          got_mask == mask, 1);
    check("three-argument view: second argument is uc + 304", info_minus_uc, 304);
    return failures != 0;
}
