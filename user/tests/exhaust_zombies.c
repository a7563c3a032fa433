// exhaust_zombies: 1,000 unreaped zombies at once; fork still works; all reaped
// lab: 2
//
// Linux keeps a dead child as a zombie until its parent waits for it, however many
// there are: a zombie is only the task's record (pid, status, usage), its memory and
// kernel stack are gone. So a parent that never waits can have 1,000 zombies at the
// same time, and still fork more children. Then every one of them is reaped with its
// own exit status, and nothing is left (ECHILD).
//
// siglab's process table holds 1,100 (kern/proc.h), and a zombie holds no pages
// (ktest/exhaust_proc_table checks the free-page count while they exist). Root is
// not held to RLIMIT_NPROC; natively as another user the soft limit is raised to
// the hard one, which on a Linux host is far above 1,000.
//
// After the scenario every page is free again (exhaust.h).

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"
#include "exhaust.h"

#define ZOMBIES 1000
#define MORE    10

static pid_t zombie[ZOMBIES];

// Has pid exited (a zombie now)? Asked without reaping it.
static int is_zombie(pid_t pid)
{
    siginfo_t si;
    si.si_pid = 0;
    return waitid(P_PID, pid, &si, WEXITED | WNOWAIT | WNOHANG) == 0 && si.si_pid == pid;
}

// Fork n children that exit at once with status (first + i) % 256; how many forks
// worked.
static int fork_exiting(pid_t *pids, int n, int first)
{
    int made = 0;
    for (int i = 0; i < n; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit((first + i) % 256);
        made += pids[i] > 0;
    }
    return made;
}

// Reap pids[0..n) in order; how many came back with the status fork_exiting gave.
static int reap_exact(const pid_t *pids, int n, int first)
{
    int right = 0;
    for (int i = 0; i < n; i++) {
        int status;
        right += pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i] &&
                 WIFEXITED(status) && WEXITSTATUS(status) == (first + i) % 256;
    }
    return right;
}

static int zombies_at_once(void)
{
    check("1000 forks", fork_exiting(zombie, ZOMBIES, 0), ZOMBIES);
    int dead = 0;
    for (int i = 0; i < ZOMBIES; i++) {
        while (zombie[i] > 0 && !is_zombie(zombie[i]))
            sched_yield();
        dead += zombie[i] > 0;
    }
    check("1000 zombies at once, none reaped", dead, ZOMBIES);

    pid_t more[MORE];
    check("with 1000 zombies, 10 more forks", fork_exiting(more, MORE, ZOMBIES), MORE);
    check("the 10, reaped with their statuses", reap_exact(more, MORE, ZOMBIES), MORE);
    check("the 1000 zombies, reaped with their statuses", reap_exact(zombie, ZOMBIES, 0),
          ZOMBIES);
    check("no child left: ECHILD", wait(NULL) < 0 ? errno : 0, ECHILD);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit lim;
    if (getuid() != 0 && getrlimit(RLIMIT_NPROC, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NPROC, &lim);
    }
    return run_scenario("1000 unreaped zombies", zombies_at_once);
}
