// gdbdemo_sets: a process in a known signal state, for gdb's sigsets, sigactions and
// procs commands (labs/gdb-tour.md, tests/gdb/). It sets up this state, calls
// checkpoint() for gdb to stop in, then unblocks everything so each handler runs once.
//
//   actions  SIGINT   SIG_IGN
//            SIGUSR1  on_signal, SA_SIGINFO|SA_RESTART, sa_mask {SIGUSR2}
//            SIGUSR2  on_signal
//            SIGTERM  on_signal, SA_NODEFER|SA_RESETHAND
//            SIGRTMIN on_signal, SA_SIGINFO   (musl's SIGRTMIN is signal 35)
//            (musl adds SA_RESTORER with __restore_rt to every handler)
//   blocked  SIGUSR1 SIGUSR2 SIGTERM SIGRTMIN
//   pending  SIGUSR1 and SIGTERM (kill), SIGRTMIN twice (sigqueue, values 1 and 2)

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_signal(int sig)
{
    (void)sig;
    handled++;
}

static void set_action(int sig, int flags, int also_block)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;      // same slot as sa_sigaction; it ignores the extras
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (also_block)
        sigaddset(&sa.sa_mask, also_block);
    sigaction(sig, &sa, NULL);
}

// gdb stops here (`ubreak checkpoint`) to look at the state main() built.
__attribute__((noipa)) static void checkpoint(void)
{
    __asm__ volatile("" ::: "memory");
}

int main(void)
{
    sigset_t block;

    signal(SIGINT, SIG_IGN);
    set_action(SIGUSR1, SA_SIGINFO | SA_RESTART, SIGUSR2);
    set_action(SIGUSR2, 0, 0);
    set_action(SIGTERM, SA_NODEFER | SA_RESETHAND, 0);
    set_action(SIGRTMIN, SA_SIGINFO, 0);

    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &block, NULL);

    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGTERM);
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 1 });
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 2 });

    checkpoint();

    sigprocmask(SIG_UNBLOCK, &block, NULL);     // SIGUSR1, SIGTERM, SIGRTMIN x2 arrive
    printf("gdbdemo_sets: %d handlers ran\n", (int)handled);
    return handled == 4 ? 0 : 1;
}
