// exhaust_rt_queue: 10,000 queued real-time signals, RLIMIT_SIGPENDING, nothing lost
// lab: 1
//
// With RLIMIT_SIGPENDING at 10,000 a process blocks every real-time signal it can
// use (35..64: both C libraries keep the lower ones) and sigqueues 10,000 signals
// to itself, each with its sequence number as si_value, spread over the 30
// signals. All are accepted; the next sigqueue fails with EAGAIN. A standard
// signal sent by kill then is not refused, and keeps its siginfo: Linux lets a
// standard signal from user space (si_code >= 0) go past the limit
// (override_rlimit in __send_signal). Unblocking delivers every accepted signal
// exactly once, each signal's instances in the order they were sent; the order
// across signals (frames stack up: each handler blocks only its own signal) is
// printed for the first and last few. Afterwards the quota is free again, and so
// are the pages.
//
// Linux counts queued signals per user, so the child takes a uid of its own.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sigtest.h"
#include "exhaust.h"

#define COUNT    10000
#define FIRST_RT 35
#define NUM_RT   30             // 35..64
#define TEST_UID 54327

static int got_sig[COUNT + 1], got_value[COUNT + 1];
static int delivered;
static int usr1_code = -1, usr1_pid = -1, usr1_uid = -1;
static int sender;

static void on_rt(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    if (delivered < COUNT + 1) {
        got_sig[delivered] = sig;
        got_value[delivered] = info->si_value.sival_int;
    }
    delivered++;
}

static void on_usr1(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)uc;
    usr1_code = info->si_code;
    usr1_pid = info->si_pid;
    usr1_uid = info->si_uid;
}

static int queue(int sig, int value)
{
    return sigqueue(getpid(), sig, (union sigval){ .sival_int = value }) == 0 ? 0 : -errno;
}

// Each signal's instances arrive in sending order: value v is sent to signal
// FIRST_RT + v % NUM_RT, so they come as v, v + NUM_RT, v + 2 * NUM_RT...
static int fifo_per_signal(void)
{
    int next[NUM_RT];
    for (int s = 0; s < NUM_RT; s++)
        next[s] = s;
    for (int n = 0; n < COUNT; n++) {
        int s = got_sig[n] - FIRST_RT;
        if (s < 0 || s >= NUM_RT || got_value[n] != next[s])
            return 0;
        next[s] += NUM_RT;
    }
    return 1;
}

static void print_deliveries(const char *what, int from, int to)
{
    printf("%s:", what);
    for (int n = from; n < to; n++)
        printf(" %d/%d", got_sig[n], got_value[n]);
    printf("\n");
}

static int rt_queue(void)
{
    struct rlimit lim = { COUNT, COUNT };
    sigset_t rt, none;
    setvbuf(stdout, NULL, _IONBF, 0);
    setuid(TEST_UID);
    sender = getpid();
    check("setrlimit(RLIMIT_SIGPENDING, 10000)", setrlimit(RLIMIT_SIGPENDING, &lim), 0);

    sigemptyset(&rt);
    sigemptyset(&none);
    struct sigaction sa = { .sa_sigaction = on_rt, .sa_flags = SA_SIGINFO };
    for (int s = FIRST_RT; s < FIRST_RT + NUM_RT; s++) {
        sigaddset(&rt, s);
        sigaction(s, &sa, NULL);
    }
    struct sigaction usr1 = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
    sigaction(SIGUSR1, &usr1, NULL);
    sigaddset(&rt, SIGUSR1);
    sigprocmask(SIG_SETMASK, &rt, NULL);

    int accepted = 0, first_error = 0;
    for (int i = 0; i < COUNT; i++) {
        int r = queue(FIRST_RT + i % NUM_RT, i);
        accepted += r == 0;
        if (r && !first_error)
            first_error = r;
    }
    check("10000 sigqueue calls accepted", accepted, COUNT);
    check("no sigqueue failed", first_error, 0);
    check("the 10001st: EAGAIN", queue(FIRST_RT, COUNT), -EAGAIN);
    check("kill(SIGUSR1) with the quota used up succeeds", kill(getpid(), SIGUSR1), 0);

    sigprocmask(SIG_SETMASK, &none, NULL);
    check("every accepted signal delivered once", delivered, COUNT);
    check("each signal's instances in sending order", fifo_per_signal(), 1);
    print_deliveries("first deliveries (signal/value)", 0, 6);
    print_deliveries("last deliveries (signal/value)", COUNT - 6, COUNT);
    check("SIGUSR1 delivered, si_code SI_USER", usr1_code, SI_USER);
    check("with its siginfo: si_pid", usr1_pid, sender);
    check("with its siginfo: si_uid", usr1_uid, TEST_UID);

    sigprocmask(SIG_SETMASK, &rt, NULL);
    accepted = 0;
    for (int i = 0; i < COUNT; i++)
        accepted += queue(FIRST_RT + i % NUM_RT, i) == 0;
    check("the quota is free again: 10000 more accepted", accepted, COUNT);
    return failures != 0;   // exiting discards the second 10000
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    return run_scenario("10000 real-time signals against RLIMIT_SIGPENDING", rt_queue);
}
