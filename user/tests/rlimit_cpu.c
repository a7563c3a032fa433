// rlimit_cpu: RLIMIT_CPU sends SIGXCPU at the soft limit, SIGKILL at the hard one
// lab: 2
//
// RLIMIT_CPU limits a process's CPU time in seconds. At the soft limit the kernel
// sends SIGXCPU (default action: terminate with a core dump), and again every
// second after; at the hard limit, SIGKILL. A child with soft 1, hard 2 and a
// SIGXCPU handler gets one SIGXCPU, then dies of SIGKILL; one without a handler
// dies of SIGXCPU itself (RLIMIT_CORE 0: no core).

#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static volatile int report_fd;     // volatile: only the handler reads it
static volatile int xcpu;

static void on_xcpu(int sig)
{
    (void)sig;
    xcpu++;
    char c = 'x';
    write(report_fd, &c, 1);
}

static _Noreturn void spin_forever(void)
{
    volatile unsigned long x = 0;
    for (;;)
        x++;
}

// A child limited to SOFT/HARD seconds of CPU that spins; returns its wait status
// and through *seen how many SIGXCPU its handler (if any) reported.
static int limited_child(rlim_t soft, rlim_t hard, int handle, int *seen)
{
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit core = { 0, 0 }, cpu = { soft, hard };
        setrlimit(RLIMIT_CORE, &core);
        report_fd = p[1];
        if (handle)
            signal(SIGXCPU, on_xcpu);
        setrlimit(RLIMIT_CPU, &cpu);
        spin_forever();
    }
    close(p[1]);
    int status;
    waitpid(pid, &status, 0);
    char buf[16];
    *seen = 0;
    for (ssize_t n; (n = read(p[0], buf, sizeof buf)) > 0;)
        *seen += n;
    close(p[0]);
    return status;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int seen;
    int status = limited_child(1, 2, 1, &seen);
    check("soft 1 s, hard 2 s, a SIGXCPU handler: killed by SIGKILL",
          WIFSIGNALED(status) ? WTERMSIG(status) : 0, SIGKILL);
    check("  after exactly one SIGXCPU", seen, 1);
    status = limited_child(1, RLIM_INFINITY, 0, &seen);
    check("soft 1 s, no handler: killed by SIGXCPU", WIFSIGNALED(status) ? WTERMSIG(status) : 0, SIGXCPU);
    check("  no core (RLIMIT_CORE 0)", WCOREDUMP(status) != 0, 0);
    return failures != 0;
}
