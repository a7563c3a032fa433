// sa_resethand: the action is SIG_DFL again as soon as the handler is entered
// lab: 3
//
// With SA_RESETHAND the action is reset to SIG_DFL as the handler is entered:
// inside the handler sigaction already reports SIG_DFL, and the next instance
// of the signal takes the default action (SIGUSR1: the child dies, status
// 128 + 10). The signal is still blocked inside the handler as usual, and the other
// flags of the action stay as they were.
//
// The handler leaves by siglongjmp: the test does not need sigreturn.

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static sigjmp_buf env;
static int entries, blocked_inside;
static struct ksigaction inside;

static void handler(int sig, siginfo_t *info, void *uc)
{
    sigset_t now;
    (void)info, (void)uc;
    entries++;
    syscall(SYS_rt_sigaction, sig, NULL, &inside, 8);
    sigprocmask(SIG_BLOCK, NULL, &now);
    blocked_inside = sigismember(&now, sig);
    siglongjmp(env, 1);
}

static int child(void)
{
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_RESETHAND };
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    if (sigsetjmp(env, 1) == 0)
        raise(SIGUSR1);
    check("first SIGUSR1 runs the handler", entries, 1);
    check("inside, the action is already SIG_DFL", inside.handler == SIG_DFL, 1);
    check("inside, SA_SIGINFO is still set", (inside.flags & SA_SIGINFO) != 0, 1);
    check("inside, SIGUSR1 is blocked", blocked_inside, 1);
    if (failures)
        return 1;
    printf("sending the second SIGUSR1\n");
    raise(SIGUSR1);
    printf("FAIL: survived the second SIGUSR1\n");
    return 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int status;

    pid_t pid = fork();
    if (pid == 0)
        _exit(child());
    waitpid(pid, &status, 0);
    check("second SIGUSR1 takes the default action: killed by it",
          WIFSIGNALED(status) ? WTERMSIG(status) : -WEXITSTATUS(status), SIGUSR1);
    return failures != 0;
}
