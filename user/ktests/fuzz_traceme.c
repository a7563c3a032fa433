// fuzz_traceme (siglab only): fuzzed ptrace(PTRACE_TRACEME) calls do not derail the fuzzer
//
// PTRACE_TRACEME makes a worker's parent, the fuzz supervisor, its tracer: each
// signal the worker then gets (its 20 ms SIGALRM at least) stops it, and the stop is
// reported to the supervisor's waitpid. The supervisor once took such a report for
// the worker's end, started another worker in its place and left the stopped one
// behind, until the next TRACEME stopped the next one. Now it detaches the worker
// (passing the signal on) and the worker fuzzes on. `fuzz -o 101` calls only ptrace,
// request 0 (TRACEME) among its random requests: the two workers must last the whole
// campaign (a worker lives for 5,000 calls), be let go, and none be stuck.

#include <stdio.h>
#include <string.h>

#include "fuzz_run.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    FILE *out = start_fuzz((char *[]){ "fuzz", "-o", "101", "-n", "4000", "-s", "5", NULL });
    char line[512], last[512] = "";
    long calls = -1, lives = -1, signaled = -1, stuck = -1, released = -1;
    while (fgets(line, sizeof line, out)) {
        sscanf(line, "fuzz: %ld system calls by %ld workers (%ld died of a signal, %ld stuck "
               "and killed, %ld let go after PTRACE_TRACEME)", &calls, &lives, &signaled,
               &stuck, &released);
        strcpy(last, line);
    }
    int status = fuzz_exit_status();
    printf("the campaign made its 4000 calls: %s\n", calls >= 4000 ? "yes" : "no");
    printf("by the first two workers only: %s\n", lives == 2 ? "yes" : "no");
    printf("traced workers were let go: %s\n", released > 0 ? "yes" : "no");
    printf("no worker stuck: %s\n", stuck == 0 ? "yes" : "no");
    printf("the campaign went on to the end: %s\n", strcmp(last, "fuzz: done\n") == 0 ? "yes" : "no");
    printf("fuzz exit status: %d\n", status);
    return 0;
}
