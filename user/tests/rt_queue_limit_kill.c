// rt_queue_limit_kill: queue full: kill() still delivers (info lost); only RT sigqueue fails
// lab: 2
//
// What happens to signals sent when the queue is full (RLIMIT_SIGPENDING
// reached). kill() may not fail for lack of queue space, so  - kill() of an RT
// signal succeeds; if that signal is not yet pending it is    still delivered,
// but with its siginfo lost (si_code SI_USER, si_pid 0);    if it is already
// pending, the extra instance is simply lost;  - kill() of a standard signal is
// queued with its full siginfo anyway (the    kernel exceeds the limit for it);
// - sigqueue() of a standard signal succeeds too, but its siginfo is lost
// (si_code SI_USER, si_pid 0, no value);  - sigqueue() of an RT signal is the
// only one that fails (EAGAIN).
//
// Linux counts queued signals per user, so the test runs in a child with a
// uid of its own: other root processes cannot then hold part of the quota.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

#define LIMIT 8
#define TEST_UID 54322

static int result(int r)
{
    return r == -1 ? -errno : r;
}

static int run(void)
{
    sigset_t block;
    struct rlimit lim = { LIMIT, LIMIT };
    struct timespec zero = { 0, 0 };
    siginfo_t info;
    pid_t self;
    char what[80];

    setuid(TEST_UID);   // best effort: a kernel without users counts per process
    self = getpid();
    setrlimit(RLIMIT_SIGPENDING, &lim);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigaddset(&block, SIGRTMIN);
    sigaddset(&block, SIGRTMIN + 1);
    sigprocmask(SIG_SETMASK, &block, NULL);

    int ok = 0;
    for (int i = 1; i <= LIMIT; i++)
        ok += sigqueue(self, SIGRTMIN, (union sigval){ .sival_int = i }) == 0;
    check("queue filled with eight SIGRTMIN", ok, LIMIT);

    check("kill(SIGRTMIN) on a full queue succeeds", result(kill(self, SIGRTMIN)), 0);
    check("kill(SIGRTMIN+1) on a full queue succeeds", result(kill(self, SIGRTMIN + 1)), 0);
    check("sigqueue(SIGRTMIN+1) on a full queue gives EAGAIN",
          result(sigqueue(self, SIGRTMIN + 1, (union sigval){ .sival_int = 99 })), -EAGAIN);
    check("kill(SIGUSR1) on a full queue succeeds", result(kill(self, SIGUSR1)), 0);
    check("sigqueue(SIGUSR2) on a full queue succeeds",
          result(sigqueue(self, SIGUSR2, (union sigval){ .sival_int = 77 })), 0);

    // Dequeue order: standard signals first, lowest number first; then RT.
    check("1st dequeue: SIGUSR1", sigtimedwait(&block, &info, &zero), SIGUSR1);
    check("SIGUSR1 kept its siginfo: SI_USER", info.si_code, SI_USER);
    check("SIGUSR1 kept its siginfo: si_pid is ours", info.si_pid == self, 1);
    check("2nd dequeue: SIGUSR2", sigtimedwait(&block, &info, &zero), SIGUSR2);
    check("SIGUSR2 lost its siginfo: si_code SI_USER", info.si_code, SI_USER);
    check("SIGUSR2 lost its siginfo: si_pid 0", info.si_pid, 0);
    for (int i = 1; i <= LIMIT; i++) {
        snprintf(what, sizeof what, "dequeue %d: SIGRTMIN with value %d", i + 2, i);
        int sig = sigtimedwait(&block, &info, &zero);
        check(what, sig == SIGRTMIN ? info.si_value.sival_int : -sig, i);
    }
    check("11th dequeue: SIGRTMIN+1 (the 9th SIGRTMIN was lost)",
          sigtimedwait(&block, &info, &zero), SIGRTMIN + 1);
    check("SIGRTMIN+1 lost its siginfo: si_code SI_USER", info.si_code, SI_USER);
    check("SIGRTMIN+1 lost its siginfo: si_pid 0", info.si_pid, 0);
    errno = 0;
    check("nothing left", sigtimedwait(&block, &info, &zero) == -1 && errno == EAGAIN, 1);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(run());
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
