// killpg_own_group: the program runs as a job of its own, as a shell would start it
// lab: 1
//
// A shell starts each command in a process group of its own (setpgid), in the
// terminal's foreground. So killpg(getpgrp(), sig) and kill(0, sig) reach the
// program (and its children), and nobody outside it. Inside siglab, init starts
// krun's program the same way (natively, the test runner starts it in a session of
// its own, which is a group of its own too).

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static volatile int usr1, usr2;
static void on_usr1(int sig) { (void)sig; usr1++; }
static void on_usr2(int sig) { (void)sig; usr2++; }

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, on_usr2);
    check("the program leads its own process group", getpgrp() == getpid(), 1);

    int r = killpg(getpgrp(), SIGUSR1);
    check("killpg(getpgrp(), SIGUSR1) returns 0", r, 0);
    check("and the handler ran", usr1, 1);

    // A child in the same group gets kill(0)'s signal too. It waits for it in
    // sigsuspend with SIGUSR2 blocked until then, so it cannot miss it.
    sigset_t usr2_set, old;
    sigemptyset(&usr2_set);
    sigaddset(&usr2_set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2_set, &old);
    pid_t child = fork();
    if (child == 0) {
        while (!usr2)
            sigsuspend(&old);
        _exit(42);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    check("a child stays in the group", getpgid(child), getpgrp());
    r = kill(0, SIGUSR2);
    check("kill(0, SIGUSR2) returns 0", r, 0);
    check("our handler ran", usr2, 1);
    int status;
    waitpid(child, &status, 0);
    check("and the child's ran (it exited with 42)", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 42);
    return failures != 0;
}
