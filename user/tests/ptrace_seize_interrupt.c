// ptrace_seize_interrupt: PTRACE_SEIZE traces a process without stopping it (and
// without a SIGTRAP at exec); PTRACE_INTERRUPT then stops it, even in pause(): wait
// reports SIGTRAP with PTRACE_EVENT_STOP in status >> 16. A signal sent meanwhile is
// seen at its own signal-delivery-stop once the tracee runs again, and pause()
// (restarted after the interrupt, since no handler ran) returns EINTR only for it.
// The tracer here is not the parent: a sibling attaches, and its waitpid sees the
// stops; the parent sees only the exit.

#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static volatile int handled;
static void on_usr1(int sig) { handled = sig; }

static int ready[2];    /* the tracee says it is about to pause() */

static void tracee(void)
{
    signal(SIGUSR1, on_usr1);
    write(ready[1], "r", 1);
    int r = pause();
    printf("tracee: pause returned %d (%s), handler saw %d\n", r,
           errno == EINTR ? "EINTR" : strerror(errno), handled);
    _exit(3);
}

static void tracer(pid_t t)
{
    check("PTRACE_SEIZE", ptrace(PTRACE_SEIZE, t, 0, (void *)PTRACE_O_TRACESYSGOOD), 0);
    int status;
    check("not stopped by the seize", waitpid(t, &status, WNOHANG), 0);
    errno = 0;
    check("PTRACE_CONT on a running tracee", ptrace(PTRACE_CONT, t, 0, 0), -1);
    check("errno ESRCH", errno, ESRCH);
    char c;
    read(ready[0], &c, 1);
    sleep_ms(100);  /* and now it is in pause() */
    check("PTRACE_INTERRUPT", ptrace(PTRACE_INTERRUPT, t, 0, 0), 0);
    check("waitpid", waitpid(t, &status, 0), t);
    check("stopped", WIFSTOPPED(status), 1);
    check("SIGTRAP", WSTOPSIG(status), SIGTRAP);
    check("PTRACE_EVENT_STOP", status >> 16, PTRACE_EVENT_STOP);
    kill(t, SIGUSR1);
    check("PTRACE_CONT", ptrace(PTRACE_CONT, t, 0, 0), 0);
    check("waitpid", waitpid(t, &status, 0), t);
    check("signal-delivery-stop for SIGUSR1", WSTOPSIG(status), SIGUSR1);
    siginfo_t si;
    ptrace(PTRACE_GETSIGINFO, t, 0, &si);
    check("its si_pid is the tracer", si.si_pid, getpid());
    /* (Print nothing while the tracee runs: its line would race with ours.) */
    long cont = ptrace(PTRACE_CONT, t, 0, SIGUSR1);
    pid_t waited = waitpid(t, &status, 0);
    check("PTRACE_CONT SIGUSR1", cont, 0);
    check("waitpid: the tracer sees the exit", waited, t);
    check("exit status 3", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 3);
    errno = 0;
    check("waitpid again", waitpid(t, &status, WNOHANG), -1);
    check("errno ECHILD (not our child)", errno, ECHILD);
    _exit(failures != 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pipe(ready);
    pid_t t = fork();
    if (t == 0)
        tracee();
    pid_t tr = fork();
    if (tr == 0)
        tracer(t);
    int status;
    check("the tracer finished", waitpid(tr, &status, 0), tr);
    check("  with no failures", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    check("the parent reaps the tracee", waitpid(t, &status, 0), t);
    check("  exit status 3", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 3);
    return failures != 0;
}
