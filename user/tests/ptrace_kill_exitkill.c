// ptrace_kill_exitkill: SIGKILL ends a tracee even while it is stopped for its
// tracer, and the tracer's wait reports the death (WIFSIGNALED, SIGKILL); so does
// PTRACE_KILL. When a tracer exits, a tracee it set PTRACE_O_EXITKILL on is killed
// with it; one without the option is let go and runs on. (The tracee of a tracer
// that exits is not our child: a pipe tells us what became of it.)

#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static pid_t stopped_tracee(void)
{
    pid_t child = fork();
    if (child == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        kill(getpid(), SIGUSR1);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    return child;
}

static void killed_while_stopped(void)
{
    pid_t child = stopped_tracee();
    kill(child, SIGKILL);
    int status;
    check("kill(SIGKILL) a stopped tracee: waitpid", waitpid(child, &status, 0), child);
    check("  killed by SIGKILL", WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGKILL);

    child = stopped_tracee();
    check("PTRACE_KILL", ptrace(PTRACE_KILL, child, 0, 0), 0);
    check("  waitpid", waitpid(child, &status, 0), child);
    check("  killed by SIGKILL", WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGKILL);
}

// A middle process traces its own child, then exits; the grandchild writes to the
// pipe if it outlives its tracer. Returns what the pipe said ("" if nothing).
static void tracer_exits(int options, char *said, size_t n)
{
    int p[2];
    pipe(p);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t me = getpid();
        pid_t tracee = fork();
        if (tracee == 0) {
            close(p[0]);
            while (getppid() == me)     /* until the tracer is gone */
                sleep_ms(5);
            write(p[1], "alive", 5);
            _exit(0);
        }
        close(p[1]);
        ptrace(PTRACE_ATTACH, tracee, 0, 0);
        int status;
        waitpid(tracee, &status, 0);        /* the SIGSTOP of the attach */
        if (options)
            ptrace(PTRACE_SETOPTIONS, tracee, 0, (void *)(long)options);
        else
            ptrace(PTRACE_CONT, tracee, 0, 0);
        _exit(0);   /* exit with the tracee still traced (stopped, or running) */
    }
    close(p[1]);
    int status;
    waitpid(middle, &status, 0);
    ssize_t got = read(p[0], said, n - 1);
    said[got > 0 ? got : 0] = 0;
    close(p[0]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    killed_while_stopped();

    char said[16];
    tracer_exits(PTRACE_O_EXITKILL, said, sizeof said);
    printf("tracer with EXITKILL exits: the tracee said \"%s\"\n", said);
    tracer_exits(0, said, sizeof said);
    printf("tracer without it exits: the tracee said \"%s\"\n", said);
    return failures != 0;
}
