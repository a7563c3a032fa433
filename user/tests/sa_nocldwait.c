// sa_nocldwait: SA_NOCLDWAIT: children reap themselves, but SIGCHLD is still sent
// lab: 2
//
// SA_NOCLDWAIT on the SIGCHLD action makes exiting children reap themselves,
// like SIG_IGN: wait() blocks until they are gone, then fails with ECHILD.
// Unlike SIG_IGN, SIGCHLD is still sent (here: pending, since we block it),
// with a handler or with SIG_DFL.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static void on_sigchld(int sig)
{
    (void)sig;
}

static void run(const char *name, void (*handler)(int))
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_NOCLDWAIT };
    struct timespec zero = { 0, 0 };
    sigset_t block;
    siginfo_t info;
    int status;
    char what[80];

    sigaction(SIGCHLD, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    pid_t pid = fork();
    if (pid == 0)
        _exit(9);
    errno = 0;
    snprintf(what, sizeof what, "%s: wait() fails with ECHILD", name);
    check(what, wait(&status) == -1 && errno == ECHILD, 1);
    snprintf(what, sizeof what, "%s: SIGCHLD was sent", name);
    check(what, sigtimedwait(&block, &info, &zero), SIGCHLD);
    snprintf(what, sizeof what, "%s: CLD_EXITED, status 9, from the child", name);
    check(what, info.si_code == CLD_EXITED && info.si_status == 9 && info.si_pid == pid, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;

    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_SETMASK, &block, NULL);
    run("handler + SA_NOCLDWAIT", on_sigchld);
    run("SIG_DFL + SA_NOCLDWAIT", SIG_DFL);
    return failures != 0;
}
