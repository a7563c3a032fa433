// restart_ignored_signal: ignored signals never interrupt a blocking read
// lab: 5
//
// Signals that run no handler never disturb a blocking read(): SIG_IGN'd
// SIGUSR1 and SIGRTMIN, and SIGCHLD, SIGURG, SIGWINCH and SIGCONT at their
// default (ignore), sent while the read waits on an empty pipe. The read
// returns the byte written afterwards, never EINTR.
//
// A child sends the signals 100 ms after forking and writes the byte 100 ms
// after that.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int sigs[] = { SIGUSR1, SIGRTMIN, SIGCHLD, SIGURG, SIGWINCH, SIGCONT };
    sigset_t empty;
    int p[2];
    char c = 0;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    signal(SIGUSR1, SIG_IGN);
    signal(SIGRTMIN, SIG_IGN);
    for (int i = 2; i < 6; i++)
        signal(sigs[i], SIG_DFL);
    pipe(p);

    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(100);
        for (int i = 0; i < 6; i++)
            kill(getppid(), sigs[i]);
        sleep_ms(100);
        write(p[1], "z", 1);
        _exit(0);
    }
    errno = 0;
    long r = read(p[0], &c, 1);
    check("read returned the byte, not EINTR", r == 1 && c == 'z', 1);
    check("errno untouched", errno, 0);
    waitpid(pid, NULL, 0);
    return failures != 0;
}
