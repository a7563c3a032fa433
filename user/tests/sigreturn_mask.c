// sigreturn_mask: sigreturn restores the mask from uc_sigmask, edits included
// lab: 4
//
// sigreturn sets the blocked mask from the frame's uc_sigmask. Left alone, that
// is the mask from before the handler (sa_mask and the signal itself come off
// again). A handler that edits uc_sigmask changes the mask for the rest of the
// program: a signal it adds stays blocked, a signal it removes is unblocked
// (and a pending instance of it is delivered as sigreturn returns), and
// SIGKILL/SIGSTOP it adds are dropped.

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

static int edit, hup_handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    uint64_t m;
    (void)sig, (void)info;
    if (!edit)
        return;
    memcpy(&m, &uc->uc_sigmask, 8);
    m |= BIT(SIGUSR2) | BIT(SIGKILL) | BIT(SIGSTOP);
    m &= ~BIT(SIGHUP);
    memcpy(&uc->uc_sigmask, &m, 8);
}

static void on_hup(int sig)
{
    (void)sig;
    hup_handled = 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    struct sigaction hup = { .sa_handler = on_hup };
    uint64_t base = BIT(SIGHUP) | BIT(SIGRTMIN);

    sigaddset(&sa.sa_mask, SIGTERM);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGHUP, &hup, NULL);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &base, NULL, 8);

    kill(getpid(), SIGUSR1);
    check("untouched uc_sigmask: the mask before the handler is back", current_mask() == base, 1);

    kill(getpid(), SIGHUP);     // blocked: waits
    edit = 1;
    kill(getpid(), SIGUSR1);
    check("SIGUSR2 added by the handler is blocked now", (current_mask() & BIT(SIGUSR2)) != 0, 1);
    check("SIGKILL and SIGSTOP were dropped", current_mask() & (BIT(SIGKILL) | BIT(SIGSTOP)), 0);
    check("SIGHUP removed by the handler is unblocked now", current_mask() & BIT(SIGHUP), 0);
    check("and the pending SIGHUP was delivered", hup_handled, 1);
    check("the rest of the mask as before", current_mask() == (BIT(SIGRTMIN) | BIT(SIGUSR2)), 1);
    return failures != 0;
}
