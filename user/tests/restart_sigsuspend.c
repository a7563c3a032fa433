// restart_sigsuspend: sigsuspend always fails with EINTR; the frame holds the pre-sigsuspend mask
// lab: 5
//
// sigsuspend() replaces the mask while it waits, returns only through a
// handler, and always fails with EINTR (never restarted, even with SA_RESTART).
// Inside the handler the mask is the temporary one plus the signal; the frame's
// uc_sigmask is the mask from before sigsuspend, which is therefore what is in
// force again after it returns.
//
// SIGUSR1 is blocked outside sigsuspend; the temporary mask blocks SIGUSR2
// instead. A child sends SIGUSR1 100 ms after forking.

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

static volatile sig_atomic_t handled;
static uint64_t mask_inside, uc_mask;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    handled++;
    mask_inside = current_mask();
    memcpy(&uc_mask, &uc->uc_sigmask, 8);
}

static void round_(const char *name, int flags)
{
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | flags };
    uint64_t outside = BIT(SIGUSR1) | BIT(SIGHUP);
    sigset_t during;
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &outside, NULL, 8);
    handled = 0;
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec ts = { 0, 100000000 };
        nanosleep(&ts, NULL);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    sigemptyset(&during);
    sigaddset(&during, SIGUSR2);
    errno = 0;
    long r = sigsuspend(&during);
    int err = errno;
    snprintf(what, sizeof what, "%s: sigsuspend fails with EINTR", name);
    check(what, r == -1 ? err : 0, EINTR);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
    snprintf(what, sizeof what, "%s: mask in the handler = temporary mask + SIGUSR1", name);
    check(what, mask_inside == (BIT(SIGUSR2) | BIT(SIGUSR1)), 1);
    snprintf(what, sizeof what, "%s: uc_sigmask = the mask before sigsuspend", name);
    check(what, uc_mask == outside, 1);
    snprintf(what, sizeof what, "%s: that mask is back after sigsuspend", name);
    check(what, current_mask() == outside, 1);
    waitpid(pid, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    round_("without SA_RESTART", 0);
    round_("with SA_RESTART", SA_RESTART);
    return failures != 0;
}
