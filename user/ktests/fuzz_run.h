// fuzz_run.h: what the fuzz ktests (fuzz_*.c) share: run /bin/fuzz with some options
// and read what it prints, line by line, then its exit status.

#ifndef FUZZ_RUN_H
#define FUZZ_RUN_H

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t fuzz_pid;

// Start `fuzz ARGV...` (ARGV ends with NULL; argv[0] is "fuzz"); returns its output.
static inline FILE *start_fuzz(char *const argv[])
{
    int p[2];
    pipe(p);
    fuzz_pid = fork();
    if (fuzz_pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execv("/bin/fuzz", argv);
        _exit(127);
    }
    close(p[1]);
    return fdopen(p[0], "r");
}

// Wait for it; its exit status as a shell shows it (128 + N for a death by signal N).
static inline int fuzz_exit_status(void)
{
    int status;
    waitpid(fuzz_pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

#endif
