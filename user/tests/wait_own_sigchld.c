// wait_own_sigchld: a wait woken by its own child's SIGCHLD reports the child, not EINTR
// lab: 5
//
// With a SIGCHLD handler installed without SA_RESTART, a parent blocked in wait()
// is woken by the signal its child's exit sends. Linux's do_wait looks at the
// children again before it looks for pending signals, so wait() returns the
// child's pid (and the handler runs on the way out). With SA_NOCLDWAIT as well the
// child reaps itself; the rescan finds no child left and wait() fails with ECHILD.
// A signal that is not about a child still interrupts the wait: EINTR.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static volatile int chld, usr1;
static void on_sigchld(int sig) { (void)sig; chld++; }
static void on_sigusr1(int sig) { (void)sig; usr1++; }

static pid_t child_exiting_in(long ms, int status)
{
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(ms);
        _exit(status);
    }
    return pid;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = on_sigchld };     // no SA_RESTART
    sigaction(SIGCHLD, &sa, NULL);

    int status = 0;
    pid_t pid = child_exiting_in(50, 7);
    pid_t got = wait(&status);
    check("SIGCHLD handler: wait returns the child", got == pid, 1);
    check("SIGCHLD handler: its exit status", WEXITSTATUS(status), 7);
    check("SIGCHLD handler: the handler ran once", chld, 1);

    sa.sa_flags = SA_NOCLDWAIT;
    sigaction(SIGCHLD, &sa, NULL);
    chld = 0;
    child_exiting_in(50, 0);
    errno = 0;
    got = wait(&status);
    check("SA_NOCLDWAIT and a handler: wait fails", got, -1);
    check("SA_NOCLDWAIT and a handler: with ECHILD", errno, ECHILD);
    check("SA_NOCLDWAIT and a handler: the handler ran once", chld, 1);

    struct sigaction su = { .sa_handler = on_sigusr1 };
    sigaction(SIGUSR1, &su, NULL);
    sa.sa_flags = 0;
    sigaction(SIGCHLD, &sa, NULL);
    pid = child_exiting_in(300, 0);
    pid_t sender = signal_later(SIGUSR1);
    errno = 0;
    got = waitpid(pid, &status, 0);
    check("SIGUSR1 during waitpid: EINTR", got == -1 && errno == EINTR, 1);
    check("SIGUSR1 during waitpid: the handler ran", usr1, 1);
    waitpid(sender, NULL, 0);
    check("then waitpid reports the child", waitpid(pid, &status, 0), pid);
    return failures != 0;
}
