// restart_pselect6: pselect6 fails with EINTR even with SA_RESTART; its temporary mask is undone
// lab: 5
//
// pselect6() waits with a temporary signal mask, like sigsuspend: a signal
// blocked outside but not in that mask interrupts it, its handler runs, and
// pselect6 fails with EINTR even with SA_RESTART, with or without a timeout.
// Afterwards the old mask is back. With a timeout, Linux writes the time left
// back into the timespec.
//
// The raw pselect6 system call (musl passes the kernel a copy of the
// timespec). A child sends SIGUSR1 100 ms after forking.

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static volatile sig_atomic_t handled;
static uint64_t mask_inside;

static void handler(int sig)
{
    (void)sig;
    handled++;
    mask_inside = current_mask();
}

static void round_(const char *name, int flags, int timed)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    struct timespec ts = { 5, 0 };
    uint64_t outside = BIT(SIGUSR1), during = BIT(SIGUSR2);
    struct { const uint64_t *set; size_t size; } sigmask = { &during, 8 };
    fd_set rfds;
    int p[2];
    char what[96];

    sigaction(SIGUSR1, &sa, NULL);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &outside, NULL, 8);
    pipe(p);
    FD_ZERO(&rfds);
    FD_SET(p[0], &rfds);
    handled = 0;
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec delay = { 0, 100000000 };
        nanosleep(&delay, NULL);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    errno = 0;
    long r = syscall(SYS_pselect6, p[0] + 1, &rfds, NULL, NULL, timed ? &ts : NULL, &sigmask);
    int err = errno;
    snprintf(what, sizeof what, "%s: pselect6 fails with EINTR", name);
    check(what, r == -1 ? err : 0, EINTR);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
    snprintf(what, sizeof what, "%s: mask in the handler = temporary mask + SIGUSR1", name);
    check(what, mask_inside == (BIT(SIGUSR1) | BIT(SIGUSR2)), 1);
    snprintf(what, sizeof what, "%s: old mask back afterwards", name);
    check(what, current_mask() == outside, 1);
    if (timed) {
        long left_ms = ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
        snprintf(what, sizeof what, "%s: timespec now holds the time left (4 s .. 5 s)", name);
        check(what, left_ms > 4000 && left_ms < 5000, 1);
    }
    waitpid(pid, NULL, 0);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    round_("no timeout, without SA_RESTART", 0, 0);
    round_("no timeout, with SA_RESTART", SA_RESTART, 0);
    round_("5 s timeout, without SA_RESTART", 0, 1);
    round_("5 s timeout, with SA_RESTART", SA_RESTART, 1);
    return failures != 0;
}
