// fork_2000: 2000 rounds of fork, _exit(i & 0xff), waitpid, each status checked.
// A kernel that leaks or reuses process state wrongly tends to fail long before 2000.

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 2000

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int bad = 0;

    for (int i = 0; i < ROUNDS; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            printf("fork failed in round %d\n", i);
            return 1;
        }
        if (pid == 0)
            _exit(i & 0xff);
        int status;
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
            WEXITSTATUS(status) != (i & 0xff))
            bad++;
    }
    printf("fork_2000: %d rounds, %d wrong statuses\n", ROUNDS, bad);
    return bad ? 1 : 0;
}
