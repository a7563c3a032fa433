// fuzz_own_group (siglab only): a fuzzed setpgid keeps a worker in a group of its own
//
// A worker's kill(0, sig) signals its own process group. A fuzzed setpgid(self, 2)
// once moved a worker into the supervisor's group (pid 2, a small integer the
// fuzzer draws often), and the worker's next kill(0, SIGQUIT) killed the supervisor:
// `make fuzz N=1000000 SEED=8` ended that way. setpgid now gets only the worker's
// own pid as either argument (user/fuzz.c, keep_to_self). `fuzz -o 109,62` calls
// only setpgid and kill: the campaign must reach its end and report.

#include <stdio.h>
#include <string.h>

#include "fuzz_run.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    FILE *out = start_fuzz((char *[]){ "fuzz", "-o", "109,62", "-n", "20000", "-s", "3", NULL });
    char line[512], last[512] = "";
    long calls = -1;
    while (fgets(line, sizeof line, out)) {
        sscanf(line, "fuzz: %ld system calls by", &calls);
        strcpy(last, line);
    }
    int status = fuzz_exit_status();
    printf("the campaign made its 20000 calls: %s\n", calls >= 20000 ? "yes" : "no");
    printf("the campaign went on to the end: %s\n", strcmp(last, "fuzz: done\n") == 0 ? "yes" : "no");
    printf("fuzz exit status: %d\n", status);
    return 0;
}
