// execve_signal_state: execve resets caught signals, keeps ignored ones, the mask and pending set
// lab: 1
//
// execve() resets every caught signal to SIG_DFL (the handler's code is gone)
// but keeps ignored signals ignored, keeps the blocked mask and the pending
// signals, and disables the altstack.
//
// The program execs itself (argv[0]) with an extra argument and checks the
// state in the new image.

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
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

static int after_exec(void)
{
    uint64_t pending = 0;
    stack_t cur;

    printf("in the new image\n");
    check("caught SIGUSR1 is back to SIG_DFL", query(SIGUSR1).handler == SIG_DFL, 1);
    check("caught SIGRTMIN is back to SIG_DFL", query(SIGRTMIN).handler == SIG_DFL, 1);
    check("ignored SIGUSR2 is still SIG_IGN", query(SIGUSR2).handler == SIG_IGN, 1);
    check("blocked mask kept", current_mask() == (BIT(SIGTERM) | BIT(SIGHUP)), 1);
    syscall(SYS_rt_sigpending, &pending, 8);
    check("pending SIGTERM and SIGHUP kept", pending == (BIT(SIGTERM) | BIT(SIGHUP)), 1);
    sigaltstack(NULL, &cur);
    check("altstack disabled", cur.ss_flags == SS_DISABLE && cur.ss_size == 0, 1);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    return failures != 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && strcmp(argv[1], "after-exec") == 0)
        return after_exec();

    struct sigaction sa = { .sa_handler = handler };
    uint64_t mask = BIT(SIGTERM) | BIT(SIGHUP);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);
    signal(SIGUSR2, SIG_IGN);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, 8);
    kill(getpid(), SIGTERM);
    kill(getpid(), SIGHUP);
    char *alt = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    stack_t ss = { .ss_sp = alt, .ss_size = 65536, .ss_flags = 0 };
    sigaltstack(&ss, NULL);

    printf("execing ourselves\n");
    char *args[] = { argv[0], "after-exec", NULL };
    char *env[] = { "SIGLAB_TEST=1", NULL };
    execve(argv[0], args, env);
    printf("execve failed\n");
    return 1;
}
