// clock_cpuclockid: the CPU-time clocks of processes, named by pid
// lab: 0
//
// clock_getcpuclockid(pid) gives a clock id that encodes the pid (Linux: (~pid << 3) |
// 2); clock_gettime on it reads that process's CPU time, ours or a child's, and
// clock_getres says whether the process exists (EINVAL, which glibc turns into
// ESRCH). A child that spins 100 ms of CPU time shows it on its clock, read by the
// parent while the child waits.

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static long clock_ms(clockid_t c)
{
    struct timespec t;
    if (clock_gettime(c, &t) < 0)
        return -errno;
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    clockid_t mine;
    check("clock_getcpuclockid(0) works", clock_getcpuclockid(0, &mine), 0);
    check("it is the pid-named process clock (~0 << 3 | 2, that is -6)", mine, -6);
    spin_cpu_ms(50);
    long a = clock_ms(mine), b = cpu_ms();
    check("our clock reads what CLOCK_PROCESS_CPUTIME_ID reads (within 10 ms)",
          a >= 50 && b - a >= 0 && b - a < 10, 1);
    clockid_t by_pid;
    clock_getcpuclockid(getpid(), &by_pid);
    check("named by our own pid, the same time", clock_ms(by_pid) >= 50, 1);

    int go[2], done[2];
    pipe(go);
    pipe(done);
    pid_t child = fork();
    if (child == 0) {
        char c;
        read(go[0], &c, 1);
        spin_cpu_ms(100);
        write(done[1], "x", 1);
        read(go[0], &c, 1);     // wait, still alive, while the parent reads our clock
        _exit(0);
    }
    clockid_t theirs;
    check("clock_getcpuclockid(child) works", clock_getcpuclockid(child, &theirs), 0);
    check("the child's clock before it spins: under 20 ms", clock_ms(theirs) < 20, 1);
    write(go[1], "x", 1);
    char c;
    read(done[0], &c, 1);
    long t = clock_ms(theirs);
    check("after 100 ms of spinning: 80 ms or more", t >= 80, 1);
    struct timespec res;
    check("clock_getres on the child's clock", clock_getres(theirs, &res), 0);
    write(go[1], "x", 1);
    waitpid(child, NULL, 0);
    errno = 0;
    check("after the child is reaped, clock_gettime on its clock fails",
          clock_gettime(theirs, &res) == -1 && errno == EINVAL, 1);
    // (glibc says ESRCH, musl passes the kernel's EINVAL on.)
    int e = clock_getcpuclockid(child, &theirs);
    check("clock_getcpuclockid of a pid that does not exist fails", e == ESRCH || e == EINVAL, 1);
    check("a thread clock of another process: EINVAL",
          syscall(SYS_clock_gettime, -(child + 1) * 8 | 6, &res) == -1 && errno == EINVAL, 1);
    check("'which' 3 is no clock: EINVAL",
          syscall(SYS_clock_gettime, -8 | 3, &res) == -1 && errno == EINVAL, 1);
    return failures != 0;
}
