// sigwaitinfo_child: sigwaitinfo returns signals sent by a child, with their siginfo
// lab: 2
//
// sigwaitinfo blocks until a signal of its set is sent, then returns it with
// its siginfo and without running any handler: here a child's sigqueue
// (SI_QUEUE, the child's pid, its value) and then a child's kill (SI_USER). A
// signal already pending is returned at once.

#include <signal.h>
#include <stdio.h>
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

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = handler };
    sigset_t set;
    siginfo_t info;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_SETMASK, &set, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);

    pid_t pid = fork();
    if (pid == 0) {
        struct timespec ts = { 0, 100000000 };
        nanosleep(&ts, NULL);
        sigqueue(getppid(), SIGRTMIN, (union sigval){ .sival_int = 31337 });
        nanosleep(&ts, NULL);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    check("first: SIGRTMIN", sigwaitinfo(&set, &info), SIGRTMIN);
    check("SI_QUEUE", info.si_code, SI_QUEUE);
    check("si_pid is the child", info.si_pid == pid, 1);
    check("si_value", info.si_value.sival_int, 31337);
    check("second: SIGUSR1", sigwaitinfo(&set, &info), SIGUSR1);
    check("SI_USER", info.si_code, SI_USER);
    check("si_pid is the child", info.si_pid == pid, 1);
    waitpid(pid, NULL, 0);

    kill(getpid(), SIGUSR1);
    check("already pending: returned at once", sigwaitinfo(&set, &info), SIGUSR1);
    check("no handler ran", handled, 0);
    return failures != 0;
}
