// fuzz_stuck_worker (siglab only): the fuzzer's supervisor finds a worker that hangs
//
// A fuzzed worker can block itself for good (alarm(0), then pause(); or every
// signal blocked, then a read of an empty pipe). That is the program's doing, not a
// hang of the kernel: the supervisor notices that this one worker stopped making
// progress - while the other one goes on - and kills it, printing the call it is
// stuck in (read from the worker with ptrace). `fuzz -H` makes the first worker
// hang on purpose: every signal blocked, then pause(), system call 34.

#include <stdio.h>
#include <string.h>

#include "fuzz_run.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    FILE *out = start_fuzz((char *[]){ "fuzz", "-n", "1000", "-s", "7", "-H", NULL });
    char line[512], last[512] = "";
    int found_worker = 0, found_call = 0, lines = 0;
    while (fgets(line, sizeof line, out)) {
        lines++;
        if (strncmp(line, "fuzz: worker 0 (pid ", 20) == 0 && strstr(line, "made no progress"))
            found_worker = lines;
        if (found_worker && lines == found_worker + 1 &&
            strcmp(line, "fuzz:   in call 1: 34(0, 0, 0, 0, 0, 0)\n") == 0)
            found_call = 1;
        strcpy(last, line);
    }
    int status = fuzz_exit_status();
    printf("the hung worker was reported and killed: %s\n", found_worker ? "yes" : "no");
    printf("with the call it was stuck in, pause(): %s\n", found_call ? "yes" : "no");
    printf("the campaign went on to the end: %s\n", strcmp(last, "fuzz: done\n") == 0 ? "yes" : "no");
    printf("fuzz exit status: %d\n", status);
    return 0;
}
