// handler_args: handler arguments and siginfo for kill, sigqueue, tgkill and tkill
// lab: 3
//
// An SA_SIGINFO handler gets the signal number, a siginfo and a ucontext
// (non-NULL). The siginfo tells who sent the signal and how: kill() from a
// child gives SI_USER with the child's pid and uid; sigqueue() gives SI_QUEUE
// with our pid and the value (int or pointer); tgkill() and tkill() give
// SI_TKILL with our pid.
//
// The handler records what it got and leaves by siglongjmp: the test does
// not need sigreturn.

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static sigjmp_buf env;
static int got_sig, got_uc;
static siginfo_t got;

static void handler(int sig, siginfo_t *info, void *uc)
{
    got_sig = sig;
    got = *info;
    got_uc = uc != NULL;
    siglongjmp(env, 1);
}

static void expect(const char *name, int sig, int code, pid_t pid)
{
    char what[96];
    snprintf(what, sizeof what, "%s: first argument is the signal", name);
    check(what, got_sig, sig);
    snprintf(what, sizeof what, "%s: si_signo", name);
    check(what, got.si_signo, sig);
    snprintf(what, sizeof what, "%s: si_code", name);
    check(what, got.si_code, code);
    snprintf(what, sizeof what, "%s: si_errno 0", name);
    check(what, got.si_errno, 0);
    snprintf(what, sizeof what, "%s: si_pid is the sender", name);
    check(what, got.si_pid == pid, 1);
    snprintf(what, sizeof what, "%s: si_uid 0", name);
    check(what, got.si_uid, 0);
    snprintf(what, sizeof what, "%s: ucontext is not NULL", name);
    check(what, got_uc, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t block, empty;
    pid_t self = getpid();
    static int object;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN + 4, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);

    // kill() from a child, while we keep SIGUSR1 blocked; it is delivered
    // when we unblock it.
    sigprocmask(SIG_BLOCK, &block, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    memset(&got, 0, sizeof got);
    if (sigsetjmp(env, 1) == 0)
        sigprocmask(SIG_UNBLOCK, &block, NULL);
    expect("kill from a child", SIGUSR1, SI_USER, pid);
    sigprocmask(SIG_UNBLOCK, &block, NULL);     // siglongjmp restored the blocked mask

    memset(&got, 0, sizeof got);
    if (sigsetjmp(env, 1) == 0)
        sigqueue(self, SIGRTMIN + 4, (union sigval){ .sival_int = -12345 });
    expect("sigqueue(int)", SIGRTMIN + 4, SI_QUEUE, self);
    check("sigqueue(int): si_value", got.si_value.sival_int, -12345);

    memset(&got, 0, sizeof got);
    if (sigsetjmp(env, 1) == 0)
        sigqueue(self, SIGUSR1, (union sigval){ .sival_ptr = &object });
    expect("sigqueue(pointer)", SIGUSR1, SI_QUEUE, self);
    check("sigqueue(pointer): si_value", got.si_value.sival_ptr == &object, 1);

    memset(&got, 0, sizeof got);
    if (sigsetjmp(env, 1) == 0)
        syscall(SYS_tgkill, self, syscall(SYS_gettid), SIGUSR1);
    expect("tgkill", SIGUSR1, SI_TKILL, self);

    memset(&got, 0, sizeof got);
    if (sigsetjmp(env, 1) == 0)
        syscall(SYS_tkill, syscall(SYS_gettid), SIGRTMIN + 4);
    expect("tkill", SIGRTMIN + 4, SI_TKILL, self);

    memset(&got, 0, sizeof got);
    if (sigsetjmp(env, 1) == 0)
        kill(self, SIGUSR1);
    expect("kill to self", SIGUSR1, SI_USER, self);
    return failures != 0;
}
