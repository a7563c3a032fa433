// signalfd_read_eintr: a blocking signalfd read sleeps; a handled signal ends it per SA_RESTART
// lab: 5
//
// A read on a blocking signalfd with nothing pending sleeps until a signal of its
// mask arrives. A different, unblocked signal with a handler interrupts the sleep
// like any slow read (-ERESTARTSYS): without SA_RESTART the read fails with EINTR
// after the handler ran; with SA_RESTART it is restarted and goes on to return the
// signal of its mask that comes later.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static volatile sig_atomic_t handled;

static void on_usr2(int sig)
{
    (void)sig;
    handled++;
}

// A child that sends SIGUSR2 after 100 ms, then SIGUSR1 100 ms later.
static pid_t usr2_then_usr1(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(100);
        kill(getppid(), SIGUSR2);
        sleep_ms(100);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    return pid;
}

static void install(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr2;
    sa.sa_flags = flags;
    sigaction(SIGUSR2, &sa, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int fd = signalfd(-1, &mask, 0);
    struct signalfd_siginfo si;

    pid_t child = signal_later(SIGUSR1);
    check("a blocking read sleeps until SIGUSR1 comes", read(fd, &si, sizeof(si)), sizeof(si));
    check("it is SIGUSR1", si.ssi_signo, SIGUSR1);
    check("from the child", (pid_t)si.ssi_pid, child);
    waitpid(child, NULL, 0);

    install(0);
    child = usr2_then_usr1();
    errno = 0;
    check("without SA_RESTART, SIGUSR2's handler ends the read: -1", read(fd, &si, sizeof(si)), -1);
    check("EINTR", errno, EINTR);
    check("the handler ran once", handled, 1);
    check("the next read gets the SIGUSR1 that follows", read(fd, &si, sizeof(si)), sizeof(si));
    check("it is SIGUSR1", si.ssi_signo, SIGUSR1);
    waitpid(child, NULL, 0);

    install(SA_RESTART);
    child = usr2_then_usr1();
    check("with SA_RESTART, the read goes on after the handler", read(fd, &si, sizeof(si)), sizeof(si));
    check("the handler ran", handled, 2);
    check("and the read returned SIGUSR1", si.ssi_signo, SIGUSR1);
    waitpid(child, NULL, 0);
    return failures != 0;
}
