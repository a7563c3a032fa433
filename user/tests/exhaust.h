// exhaust.h: what the exhaustion tests (exhaust_*.c) share: run a scenario that uses
// up some resource in a child, and check that once the child is reaped every page
// it took is free again.
//
// In siglab sysinfo's freeram is exactly the count of free pages (kern/sys_misc.c),
// so the check is exact: a page the kernel forgets to give back is a failure.
// Linux's free memory moves all the time (the page cache, other processes), so
// natively the check only asks that the count came back to within an eighth of
// RAM, and the printed verdict is the same on both.
//
// Nothing between the two counts may allocate pages in the parent: the scenario
// runs in the child, the parent only forks and waits. The child's output goes
// into a pipe whose pages exist from the start (kern/pipe.c), so printing is safe.

#ifndef EXHAUST_H
#define EXHAUST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

// Are we running inside siglab? (It calls itself Linux, with this release.)
static inline int in_siglab(void)
{
    struct utsname u;
    return uname(&u) == 0 && strstr(u.release, "siglab") != NULL;
}

static inline long free_pages(void)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -1;
    return (long)(si.freeram * si.mem_unit / 4096);
}

static inline long total_pages(void)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -1;
    return (long)(si.totalram * si.mem_unit / 4096);
}

// Did the free-page count come back? Exactly in siglab, roughly natively.
static inline int pages_came_back(long before, long after)
{
    if (in_siglab())
        return before == after;
    return labs(after - before) <= total_pages() / 8;
}

// Run scenario in a child, then print whether it ended as expected - killed by
// signal killed_by, or (killed_by 0) exit status 0, the scenario's "every check
// held" - and whether the pages came back. Returns 0 when both hold.
static inline int run_scenario_ending(const char *name, int (*scenario)(void), int killed_by)
{
    int status;
    // A fork and a wait first, so the counts below do not include the first use
    // of anything in this process (its stack, page tables for the paths taken).
    pid_t warm = fork();
    if (warm == 0)
        _exit(0);
    waitpid(warm, &status, 0);

    long before = free_pages();
    pid_t pid = fork();
    if (pid == 0) {
        printf("%s:\n", name);
        _exit(scenario());
    }
    waitpid(pid, &status, 0);
    long after = free_pages();

    int ended_well = killed_by ? WIFSIGNALED(status) && WTERMSIG(status) == killed_by
                               : WIFEXITED(status) && WEXITSTATUS(status) == 0;
    int back = pages_came_back(before, after);
    if (ended_well && killed_by)
        printf("  %s: killed by signal %d, as it should be\n", name, killed_by);
    else if (ended_well)
        printf("  %s: ended well\n", name);
    else if (WIFSIGNALED(status))
        printf("  %s: FAIL killed by signal %d\n", name, WTERMSIG(status));
    else
        printf("  %s: FAIL exit %d\n", name, WEXITSTATUS(status));
    if (back)
        printf("  %s: free pages back: yes\n", name);
    else
        printf("  %s: free pages back: no (%ld before, %ld after)\n", name, before, after);
    return ended_well && back ? 0 : 1;
}

// The scenario's checks all held: it exited with status 0.
static inline int run_scenario(const char *name, int (*scenario)(void))
{
    return run_scenario_ending(name, scenario, 0);
}

#endif
