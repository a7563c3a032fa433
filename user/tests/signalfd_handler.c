// signalfd_handler: a signal both handled and in a signalfd's mask goes to whoever takes it first
// lab: 2
//
// A signalfd does not change how a signal is delivered: while SIGUSR1 is blocked it
// stays pending and the signalfd read takes it (the handler never runs); unblocked,
// it is delivered to its handler on the way back to user mode, before the program
// can read, and the signalfd then finds nothing. An ignored signal is discarded when
// sent, so a signalfd never sees it either.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "sigtest.h"

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, on_usr1);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK);
    sigprocmask(SIG_BLOCK, &mask, NULL);

    struct signalfd_siginfo si;
    kill(getpid(), SIGUSR1);
    check("blocked: the signalfd reads SIGUSR1",
          read(fd, &si, sizeof(si)) == sizeof(si) && si.ssi_signo == SIGUSR1, 1);
    check("and the handler did not run", handled, 0);
    sigprocmask(SIG_UNBLOCK, &mask, NULL);
    check("unblocking later runs nothing: it was taken", handled, 0);

    kill(getpid(), SIGUSR1);
    check("unblocked: the handler ran", handled, 1);
    errno = 0;
    check("and the signalfd finds nothing", read(fd, &si, sizeof(si)) == -1 && errno == EAGAIN, 1);

    sigprocmask(SIG_BLOCK, &mask, NULL);
    kill(getpid(), SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &mask, NULL);
    check("blocked, then unblocked before a read: the handler ran", handled, 2);

    signal(SIGUSR2, SIG_IGN);
    kill(getpid(), SIGUSR2);
    errno = 0;
    check("an ignored, unblocked SIGUSR2 is discarded: EAGAIN",
          read(fd, &si, sizeof(si)) == -1 && errno == EAGAIN, 1);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    kill(getpid(), SIGUSR2);
    check("ignored but blocked, it stays pending and the signalfd reads it",
          read(fd, &si, sizeof(si)) == sizeof(si) && si.ssi_signo == SIGUSR2, 1);
    return failures != 0;
}
