// sigqueue_past_pool: the RLIMIT_SIGPENDING limit, not a kernel table, bounds the queue
// lab: 1
//
// With RLIMIT_SIGPENDING raised to 3000, 3000 real-time signals can wait in one
// process's queue, and all of them are delivered. (siglab once took queue entries
// from one pool of 2048 for the whole machine and said EAGAIN at the 2049th.) The
// child takes a uid of its own, since Linux counts queued signals per user.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sigtest.h"

#define COUNT    3000
#define SIG      40
#define TEST_UID 54330

static volatile int delivered, in_order = 1;

static void handler(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)uc;
    if (info->si_value.sival_int != delivered)
        in_order = 0;
    delivered++;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit lim = { COUNT, COUNT };
    sigset_t block, none;
    setuid(TEST_UID);
    check("setrlimit(RLIMIT_SIGPENDING, 3000)", setrlimit(RLIMIT_SIGPENDING, &lim), 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigaction(SIG, &sa, NULL);
    sigemptyset(&block);
    sigemptyset(&none);
    sigaddset(&block, SIG);
    sigprocmask(SIG_SETMASK, &block, NULL);
    int accepted = 0;
    for (int i = 0; i < COUNT; i++)
        accepted += sigqueue(getpid(), SIG, (union sigval){ .sival_int = i }) == 0;
    check("3000 queued", accepted, COUNT);
    check("the 3001st: EAGAIN",
          sigqueue(getpid(), SIG, (union sigval){ 0 }) == 0 ? 0 : errno, EAGAIN);
    sigprocmask(SIG_SETMASK, &none, NULL);
    check("3000 delivered", delivered, COUNT);
    check("in the order sent", in_order, 1);
    return failures != 0;
}
