// fork_signal_state: fork copies actions, mask and altstack but not pending signals
// lab: 1
//
// A child created by fork() inherits its parent's signal actions (handler,
// flags, sa_mask; ignored stays ignored), blocked mask and altstack, but starts
// with no pending signals.

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static void handler(int sig)
{
    (void)sig;
}

static struct ksigaction query(int sig)
{
    struct ksigaction k = { 0 };
    syscall(SYS_rt_sigaction, sig, NULL, &k, 8);
    return k;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART | SA_NODEFER };
    uint64_t mask = BIT(SIGTERM) | BIT(SIGRTMIN), pending = 0;
    int status;

    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGHUP);
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGUSR2, SIG_IGN);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, 8);
    kill(getpid(), SIGTERM);
    char *alt = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    stack_t ss = { .ss_sp = alt, .ss_size = 65536, .ss_flags = 0 }, cur;
    sigaltstack(&ss, NULL);
    struct ksigaction parent_usr1 = query(SIGUSR1);

    pid_t pid = fork();
    if (pid == 0) {
        struct ksigaction k = query(SIGUSR1);
        check("child: SIGUSR1 handler inherited", k.handler == parent_usr1.handler, 1);
        check("child: SIGUSR1 flags inherited", k.flags == parent_usr1.flags, 1);
        check("child: SIGUSR1 sa_mask inherited", k.mask == BIT(SIGHUP), 1);
        check("child: SIGUSR2 still ignored", query(SIGUSR2).handler == SIG_IGN, 1);
        check("child: blocked mask inherited", current_mask() == mask, 1);
        syscall(SYS_rt_sigpending, &pending, 8);
        check("child: nothing pending (SIGTERM stayed with the parent)", pending, 0);
        sigaltstack(NULL, &cur);
        check("child: altstack inherited", cur.ss_sp == alt && cur.ss_size == 65536, 1);
        _exit(failures != 0);
    }
    waitpid(pid, &status, 0);
    syscall(SYS_rt_sigpending, &pending, 8);
    check("parent: SIGTERM still pending", pending == BIT(SIGTERM), 1);
    signal(SIGTERM, SIG_IGN);
    return failures != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}
