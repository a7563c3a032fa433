// preempt (lab 0): the timer interrupt takes the CPU from a process that never
// makes a system call, so a sleeping parent gets to run while its child spins.
//
// usage: preempt STATUS

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    long status = arg(argc, argv, 1);

    pid_t pid = fork();
    if (pid == 0) {
        // Spin (no system call but clock_gettime, which is one) for 200 ms.
        long end = now_ms() + 200;
        volatile unsigned long spins = 0;
        while (now_ms() < end)
            for (int i = 0; i < 100000; i++)
                spins++;
        _exit((int)status);
    }
    sleep_ms(20);
    int st;
    pid_t r = waitpid(pid, &st, WNOHANG);
    printf("the parent ran while the child spun: %s\n", r == 0 ? "yes" : "no");
    printf("child %s\n", r == 0 ? reap(pid, 0) : status_str(st));
    return 0;
}
