// vfork_signal_pending: a signal to a vfork parent stays pending until the child exits,
// then is delivered (a handler runs, SIGSTOP stops it); a fatal one (SIGKILL, or SIGTERM
// with no handler) kills the waiting parent at once
// lab: 2
//
// Linux's vfork parent waits "killable" (kernel/fork.c wait_for_vfork_done): only a
// fatal signal ends the wait early.

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static volatile int handled, handled_while_child_ran;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

static void caught_signal_waits(void)
{
    signal(SIGUSR1, on_usr1);
    pid_t pid = vfork();
    if (pid == 0) {
        kill(getppid(), SIGUSR1);
        sleep_ms(50);
        handled_while_child_ran = handled;
        _exit(0);
    }
    check("handler did not run while the child ran", handled_while_child_ran, 0);
    check("handler ran once vfork returned", handled, 1);
    waitpid(pid, 0, 0);
}

// A middle process vforks; its child sends SIG to it, then reports through the pipe
// whether its parent is still there. The middle process must be dead by then.
static void fatal_signal_kills(int sig, const char *what)
{
    int fds[2];
    pipe(fds);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t me = getpid();
        if (vfork() == 0) {
            kill(me, sig);
            sleep_ms(100);
            char c = kill(me, 0) == 0 ? 'y' : 'n';     // a zombie still counts
            write(fds[1], &c, 1);
            _exit(0);
        }
        _exit(3);   // not reached if the signal killed us
    }
    close(fds[1]);
    int status = 0;
    waitpid(middle, &status, 0);
    char line[100];
    snprintf(line, sizeof line, "%s kills the waiting parent", what);
    check(line, WIFSIGNALED(status) && WTERMSIG(status) == sig, 1);
    char c = 0;
    snprintf(line, sizeof line, "%s: the vfork child lives on", what);
    check(line, read(fds[0], &c, 1), 1);
    close(fds[0]);
}

// SIGSTOP is no fatal signal: the waiting parent stops only once the child has exited.
static void stop_waits(void)
{
    int fds[2];
    pipe(fds);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t me = getpid();
        if (vfork() == 0) {
            kill(me, SIGSTOP);
            sleep_ms(100);
            write(fds[1], "c", 1);
            _exit(0);
        }
        write(fds[1], "p", 1);  // before stopping: the stop waits for our return to user
        _exit(3);
    }
    int status = 0;
    waitpid(middle, &status, WUNTRACED);
    char order[3] = { 0 };
    read(fds[0], order, 2);
    check("SIGSTOP: the parent stopped", WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, 1);
    check("SIGSTOP: only after the child's exit", strcmp(order, "c"), 0);
    kill(middle, SIGCONT);
    waitpid(middle, &status, 0);
    check("SIGSTOP: continued, it goes on and exits", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 3);
    check("SIGSTOP: ... after the child", read(fds[0], order, 1) == 1 && order[0] == 'p', 1);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    caught_signal_waits();
    fatal_signal_kills(SIGKILL, "SIGKILL");
    fatal_signal_kills(SIGTERM, "SIGTERM (default action)");
    stop_waits();
    return failures != 0;
}
