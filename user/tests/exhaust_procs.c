// exhaust_procs: fork until EAGAIN under RLIMIT_NPROC, and 1000 zombies reaped
// lab: 2
//
// A user may own at most RLIMIT_NPROC processes; root is never held to it, so
// the scenario takes a uid of its own (no other process has it, natively
// either). With the limit at 8 it can fork 7 children (it is the 8th); the next
// fork fails with EAGAIN. Zombies still count: once the children have exited,
// fork fails until they are reaped. Reaped, the user can fork again.
//
// Then 1000 zombies: children that exit at once and stay unreaped, 50 at a time,
// each then reaped with its own exit status (exhaust_zombies.c keeps all 1,000 at
// once).
//
// After each scenario every page is free again (exhaust.h).

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"
#include "exhaust.h"

#define TEST_UID  54328
#define LIMIT     8
#define ZOMBIES   1000
#define AT_A_TIME 50

static int fork_errno(pid_t pid) { return pid < 0 ? errno : 0; }

// Reap every child; how many there were.
static int reap_all(void)
{
    int n = 0, status;
    while (wait(&status) > 0)
        n++;
    return n;
}

// Wait (without reaping) until pid is a zombie.
static void await_zombie(pid_t pid)
{
    siginfo_t si;
    si.si_pid = 0;
    while (waitid(P_PID, pid, &si, WEXITED | WNOWAIT | WNOHANG) == 0 && si.si_pid != pid)
        sched_yield();
}

static int nproc_limit(void)
{
    struct rlimit lim = { LIMIT, LIMIT };
    pid_t pids[2 * LIMIT];
    int release[2];
    pipe(release);
    setuid(TEST_UID);
    check("setrlimit(RLIMIT_NPROC, 8)", setrlimit(RLIMIT_NPROC, &lim), 0);

    int children = 0, err = 0;
    while (children < 2 * LIMIT) {
        pid_t pid = fork();
        if (pid == 0) {
            char c;
            close(release[1]);
            read(release[0], &c, 1);    // until the parent closes its end
            _exit(0);
        }
        if (pid < 0) {
            err = errno;
            break;
        }
        pids[children++] = pid;
    }
    check("forks before the limit", children, LIMIT - 1);
    check("the next fork: EAGAIN", err, EAGAIN);

    close(release[1]);                  // the children exit, unreaped
    for (int i = 0; i < children; i++)
        await_zombie(pids[i]);
    check("zombies still count: fork gives EAGAIN", fork_errno(fork()), EAGAIN);
    check("children reaped", reap_all(), children);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    check("after reaping, fork works again", pid > 0, 1);
    reap_all();
    return failures != 0;
}

static int zombies(void)
{
    int created = 0, reaped_right = 0;
    while (created < ZOMBIES) {
        pid_t pids[AT_A_TIME];
        for (int i = 0; i < AT_A_TIME; i++) {
            pids[i] = fork();
            if (pids[i] == 0)
                _exit(i);
        }
        for (int i = 0; i < AT_A_TIME; i++)
            if (pids[i] > 0)
                await_zombie(pids[i]);
        for (int i = 0; i < AT_A_TIME; i++) {
            int status;
            if (pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i] &&
                WIFEXITED(status) && WEXITSTATUS(status) == i)
                reaped_right++;
        }
        created += AT_A_TIME;
    }
    check("1000 zombies, each reaped with its exit status", reaped_right, ZOMBIES);
    check("no child left: ECHILD", wait(NULL) < 0 ? errno : 0, ECHILD);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int bad = run_scenario("fork until EAGAIN under RLIMIT_NPROC", nproc_limit);
    bad |= run_scenario("1000 zombies, 50 at a time", zombies);
    return bad;
}
