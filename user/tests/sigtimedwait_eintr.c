// sigtimedwait_eintr: a caught signal outside the set makes sigtimedwait fail with EINTR
// lab: 5
//
// A caught signal that is not in sigtimedwait's set interrupts the wait: its
// handler runs and sigtimedwait fails with EINTR, SA_RESTART or not (the wait
// is never restarted).
//
// A child sends SIGUSR2 (caught, not waited for) after 100 ms. The raw
// system call: musl's sigtimedwait() quietly retries after EINTR.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static volatile sig_atomic_t handled;

static void handler(int sig)
{
    (void)sig;
    handled++;
}

static void round_(const char *name, int flags)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    struct timespec two_s = { 2, 0 };
    sigset_t set;
    siginfo_t info;
    char what[96];

    sigaction(SIGUSR2, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_SETMASK, &set, NULL);
    handled = 0;
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec ts = { 0, 100000000 };
        nanosleep(&ts, NULL);
        kill(getppid(), SIGUSR2);
        _exit(0);
    }
    errno = 0;
    long r = syscall(SYS_rt_sigtimedwait, &set, &info, &two_s, 8);
    int err = errno;
    snprintf(what, sizeof what, "%s: sigtimedwait fails with EINTR", name);
    check(what, r == -1 ? err : 0, EINTR);
    snprintf(what, sizeof what, "%s: SIGUSR2's handler ran once", name);
    check(what, handled, 1);
    waitpid(pid, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    round_("without SA_RESTART", 0);
    round_("with SA_RESTART", SA_RESTART);
    return failures != 0;
}
