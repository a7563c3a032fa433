// sigdemo: catch SIGINT, SIGUSR1 and SIGUSR2 and say which one arrived.
// Try ^C, or `kill -USR1 PID` from another job. The third ^C restores the
// default action, so the fourth ends it the usual way; ^\ (SIGQUIT) ends it
// at once.

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t interrupts;

// Only async-signal-safe calls in a handler: write(2), not printf.
static void say(const char *msg)
{
    write(1, msg, strlen(msg));
}

static void on_signal(int sig)
{
    if (sig == SIGUSR1) {
        say("sigdemo: got SIGUSR1\n");
    } else if (sig == SIGUSR2) {
        say("sigdemo: got SIGUSR2\n");
    } else if (++interrupts < 3) {
        say("\nsigdemo: got SIGINT\n");
    } else {
        say("\nsigdemo: got SIGINT; the next one ends me\n");
        signal(SIGINT, SIG_DFL);
    }
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    printf("sigdemo: pid %d, waiting for SIGINT, SIGUSR1 or SIGUSR2\n", (int)getpid());
    fflush(stdout);
    for (;;)
        pause();    // returns after each handler runs
}
