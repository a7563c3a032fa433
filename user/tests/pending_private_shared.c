// A process has two pending queues (ULK ch. 11): the thread's private one takes what
// is sent to the thread (raise, tkill, tgkill, rt_tgsigqueueinfo, faults), the shared
// one what is sent to the process (kill, sigqueue). A standard signal is pending at
// most once *per queue*, so kill + raise of one blocked signal runs its handler
// twice; and the private queue is emptied first, whatever the signal numbers.
// siglab: signal.h struct signal_state (pending, shared_pending), generate.c
// send_signal_forced (which queue), deliver.c dequeue_signal (private first).
#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>

static char order[64];
static int norder;

static void note(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    char name[16];
    if (sig >= SIGRTMIN)        // musl's SIGRTMIN is 35, glibc's 34
        snprintf(name, sizeof(name), "RTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(name, sizeof(name), "%d", sig);
    if (norder < (int)sizeof(order) - 16)
        norder += snprintf(order + norder, sizeof(order) - norder, "%s%s%s", norder ? " " : "",
                           name, si->si_code == SI_TKILL ? "t" : si->si_code == SI_QUEUE ? "q" : "");
}

static void handle(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = note;
    sa.sa_flags = SA_SIGINFO;
    sigfillset(&sa.sa_mask);        // one at a time: the order is the dequeue order
    sigaction(sig, &sa, 0);
}

static void block_all(void)
{
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, 0);
}

// Unblock everything at once and report the handlers' order (signal, t = tkill, q =
// sigqueue, nothing = kill).
static void unblock_and_report(const char *what, const char *want)
{
    norder = 0;
    order[0] = 0;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, 0);
    char line[160];
    snprintf(line, sizeof(line), "%s: handlers ran as \"%s\"", what, order);
    if (strcmp(order, want)) {
        printf("%s: FAIL expected \"%s\"\n", line, want);
        failures++;
    } else {
        printf("%s: ok\n", line);
    }
}

static int tgkill_self(int sig)
{
    return syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
}

static int tgsigqueue_self(int sig, int value)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = sig;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = value;
    return syscall(SYS_rt_tgsigqueueinfo, getpid(), syscall(SYS_gettid), sig, &si);
}

int main(void)
{
    setvbuf(stdout, 0, _IONBF, 0);
    handle(SIGUSR1);
    handle(SIGUSR2);
    handle(SIGRTMIN);
    handle(SIGRTMIN + 2);
    handle(SIGTSTP);

    block_all();
    kill(getpid(), SIGUSR1);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);    // merged with the first: already pending in that queue
    unblock_and_report("kill, raise, kill SIGUSR1", "10t 10");

    block_all();
    kill(getpid(), SIGUSR1);
    tgkill_self(SIGUSR2);
    unblock_and_report("kill SIGUSR1, tgkill SIGUSR2", "12t 10");

    block_all();
    union sigval v = { .sival_int = 1 };
    sigqueue(getpid(), SIGRTMIN, v);
    tgsigqueue_self(SIGRTMIN + 2, 2);
    unblock_and_report("sigqueue SIGRTMIN, rt_tgsigqueueinfo SIGRTMIN+2", "RTMIN+2q RTMIN+0q");

    // sigpending shows both queues; sigtimedwait empties the private one first.
    block_all();
    kill(getpid(), SIGUSR2);
    raise(SIGUSR1);
    sigset_t set;
    sigpending(&set);
    check("sigpending has SIGUSR1 (raised) and SIGUSR2 (killed)",
          sigismember(&set, SIGUSR1) && sigismember(&set, SIGUSR2), 1);
    sigset_t both;
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGUSR2);
    siginfo_t si;
    struct timespec zero = { 0, 0 };
    check("sigtimedwait takes SIGUSR1 first (the thread's queue)",
          sigtimedwait(&both, &si, &zero), SIGUSR1);
    check("then SIGUSR2", sigtimedwait(&both, &si, &zero), SIGUSR2);
    check("then nothing (EAGAIN)", sigtimedwait(&both, &si, &zero) == -1 && errno == EAGAIN, 1);

    // SIG_IGN throws a signal away from both queues.
    kill(getpid(), SIGUSR1);
    raise(SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    handle(SIGUSR1);
    sigpending(&set);
    check("SIG_IGN discarded SIGUSR1 from both queues", sigismember(&set, SIGUSR1), 0);

    // SIGCONT cancels a pending stop signal in both queues.
    kill(getpid(), SIGTSTP);
    raise(SIGTSTP);
    kill(getpid(), SIGCONT);
    sigpending(&set);
    check("SIGCONT discarded SIGTSTP from both queues", sigismember(&set, SIGTSTP), 0);
    unblock_and_report("after SIG_IGN and SIGCONT", "");
    return failures != 0;
}
