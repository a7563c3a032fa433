// exhaust_proc_table (siglab only): root forks until the process table is full
//
// Root is not held to RLIMIT_NPROC, so fork only stops when the kernel has no
// process left to give: EAGAIN (on Linux that is threads-max, tens of thousands
// natively, so this cannot be a differential test). While the table is full the
// kernel still answers system calls, and a fork bomb - every process forking
// until fork fails, then waiting - is stopped by one killpg(SIGKILL); its orphans
// go to init, which reaps them. After each scenario every page is free again.
//
// Zombies take table slots but no memory: a dead process's kernel stack and address
// space are freed when it exits, it keeps only its slot (pid, status, usage) for
// wait. So forking children that exit at once, never waiting, ends with EAGAIN once
// the table is full of zombies - more than 1,000 of them - and while they are all
// there the free-page count is the same as before the first fork. Reaped, every one
// with its own status, they free the table, and fork works again.

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tests/exhaust.h"

static int live_procs(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.procs;
}

static int fill_table(void)
{
    int release[2], children = 0, err = 0;
    pipe(release);
    for (;;) {
        pid_t pid = fork();
        if (pid == 0) {
            char c;
            close(release[1]);
            read(release[0], &c, 1);
            _exit(0);
        }
        if (pid < 0) {
            err = errno;
            break;
        }
        children++;
    }
    printf("  fork failed with EAGAIN: %s\n", err == EAGAIN ? "yes" : "no");
    printf("  after at least 50 children: %s\n", children >= 50 ? "yes" : "no");
    printf("  the kernel still answers: getppid %s\n", getppid() > 0 ? "yes" : "no");
    close(release[1]);
    int reaped = 0, status;
    while (wait(&status) > 0)
        reaped += WIFEXITED(status) && WEXITSTATUS(status) == 0;
    printf("  every child exited and was reaped: %s\n", reaped == children ? "yes" : "no");
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    printf("  fork works again: %s\n", pid > 0 ? "yes" : "no");
    waitpid(pid, &status, 0);
    return err != EAGAIN || children < 50 || reaped != children || pid <= 0;
}

// Every process forks until fork fails, then waits to be killed.
static void bomb(int ready_fd)
{
    while (fork() >= 0)
        ;
    write(ready_fd, "x", 1);
    for (;;)
        pause();
}

static int fork_bomb(void)
{
    int ready[2];
    int before = live_procs();
    pipe(ready);
    pid_t leader = fork();
    if (leader == 0) {
        setpgid(0, 0);
        bomb(ready[1]);
    }
    setpgid(leader, leader);
    char c;
    read(ready[0], &c, 1);      // someone found the table full
    pid_t extra = fork();
    if (extra == 0)
        _exit(0);
    printf("  the bomb filled the table: %s\n", extra < 0 && errno == EAGAIN ? "yes" : "no");
    printf("  killpg(SIGKILL): %s\n", killpg(leader, SIGKILL) == 0 ? "ok" : "failed");
    int status;
    waitpid(leader, &status, 0);
    while (live_procs() > before)   // init reaps the orphans
        usleep(10000);
    printf("  every bomb process gone: yes\n");
    return 0;
}

static pid_t zombie[2000];

static int zombie_table(void)
{
    int status;
    pid_t warm = fork();        // the first fork's page tables and stack, before counting
    if (warm == 0)
        _exit(0);
    waitpid(warm, &status, 0);
    memset(zombie, 0, sizeof(zombie));     // its pages are ours before counting
    long before = free_pages();

    int n = 0, err = 0;
    while (n < (int)(sizeof(zombie) / sizeof(zombie[0]))) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(n % 256);
        if (pid < 0) {
            err = errno;
            break;
        }
        zombie[n++] = pid;
    }
    siginfo_t si;
    for (int i = 0; i < n; i++)     // let each one exit (without reaping it)
        do {
            si.si_pid = 0;
            if (waitid(P_PID, zombie[i], &si, WEXITED | WNOWAIT | WNOHANG) < 0)
                break;
        } while (si.si_pid != zombie[i] && sched_yield() == 0);
    long with_zombies = free_pages();
    printf("  fork failed with EAGAIN: %s\n", err == EAGAIN ? "yes" : "no");
    printf("  more than 1000 zombies at once: %s\n", n > 1000 ? "yes" : "no");
    printf("  the zombies hold no pages: %s\n", with_zombies == before ? "yes" :
           "no");
    if (with_zombies != before)
        printf("  (%ld free pages before, %ld with the zombies)\n", before, with_zombies);

    int reaped = 0;
    for (int i = 0; i < n; i++)
        reaped += waitpid(zombie[i], &status, 0) == zombie[i] && WIFEXITED(status) &&
                  WEXITSTATUS(status) == i % 256;
    printf("  every zombie reaped with its status: %s\n", reaped == n ? "yes" : "no");
    printf("  no child left: %s\n", wait(NULL) < 0 && errno == ECHILD ? "yes" : "no");
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    printf("  fork works again: %s\n", pid > 0 ? "yes" : "no");
    waitpid(pid, &status, 0);
    return err != EAGAIN || n <= 1000 || with_zombies != before || reaped != n || pid <= 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int bad = run_scenario("root forks until the process table is full", fill_table);
    bad |= run_scenario("a fork bomb, stopped by killpg", fork_bomb);
    bad |= run_scenario("the table full of zombies", zombie_table);
    return bad;
}
