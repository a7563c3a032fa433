// sigio_tty: SIGIO from the console. Turns on O_ASYNC on its standard input (a
// terminal: the owner becomes the foreground process group, ours), waits for the
// signal a typed line raises, reads the line; then the same with F_SETSIG(SIGRTMIN),
// whose siginfo says POLL_IN, the descriptor and the poll bits.
// tests/console/sigio_tty.py types at it.

#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int got_sig, got_code, got_fd;
static volatile long got_band;

static void record(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_fd = si->si_fd;
    got_band = si->si_band;
}

// Sleep until the terminal's signal comes, then read the line it announced.
static void wait_and_read(const char *name, sigset_t *waitmask)
{
    char line[64];
    got_sig = 0;
    while (!got_sig)
        sigsuspend(waitmask);
    printf("sigio_tty: %s si_code %d si_fd %d si_band %#lx\n", name, got_code, got_fd,
           got_band);
    ssize_t n = read(0, line, sizeof line - 1);
    line[n > 0 ? n : 0] = 0;
    printf("sigio_tty: read %s", line);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = record;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGIO, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);
    sigset_t block, waitmask;
    sigemptyset(&block);
    sigaddset(&block, SIGIO);
    sigaddset(&block, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &block, &waitmask);

    int flags = fcntl(0, F_GETFL);
    fcntl(0, F_SETFL, flags | O_ASYNC);
    printf("sigio_tty: owner %s\n", fcntl(0, F_GETOWN) == -getpgrp() ? "is my process group"
                                                                       : "is someone else");
    printf("sigio_tty: type a line\n");
    wait_and_read("SIGIO", &waitmask);

    fcntl(0, F_SETSIG, SIGRTMIN);
    printf("sigio_tty: type another line\n");
    wait_and_read("SIGRTMIN", &waitmask);

    fcntl(0, F_SETSIG, 0);
    fcntl(0, F_SETOWN, 0);
    fcntl(0, F_SETFL, flags);
    return 0;
}
