// A CPU-bound child cannot keep its parent from running: the timer preempts it.
// lab: 0
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t child = fork();
    if (child == 0) {
        for (volatile unsigned long i = 0;; i++)
            ;   /* spin, never sleeping and never making a system call */
    }
    /* On one CPU we get here again only if the scheduler takes the CPU from the
       spinning child: the sleep ends at a timer tick, and the tick preempts it. */
    struct timespec ts = { 0, 100 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    printf("parent ran while the child spun: yes\n");
    kill(child, SIGKILL);
    int status;
    waitpid(child, &status, 0);
    printf("child killed by SIGKILL: %s\n", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? "yes" : "no");
    return 0;
}
