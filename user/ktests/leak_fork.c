// leak_fork (siglab only): 2000 rounds of fork, exit and wait must give back every
// page they took. We compare the kernel's free page count before and after.
//
// Nothing is printed until both counts are taken: output goes to a pipe, and
// pipe buffers are pages too. A warm-up round first lets anything the kernel
// allocates once and keeps (caches, our own page tables) settle.
// Natively this fails: Linux's free memory moves all the time.

#include <stdio.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 2000
#define WARMUP 20

static char touched[8192];  // children write here, so copy-on-write has work to do

static long free_pages(void)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -1;
    return (long)(si.freeram * si.mem_unit / 4096);
}

// One fork/exit/wait round; returns 0 if the child exited with status 0.
static int one_round(void)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        touched[0]++;
        touched[sizeof touched - 1]++;
        _exit(0);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return 0;
}

int main(void)
{
    int bad = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    for (int i = 0; i < WARMUP; i++)
        one_round();
    long before = free_pages();
    for (int i = 0; i < ROUNDS; i++)
        bad += one_round() != 0;
    long after = free_pages();

    printf("leak_fork: %d rounds, %d failed\n", ROUNDS, bad);
    if (before == after && before > 0) {
        printf("free pages before == after: yes\n");
        return bad ? 1 : 0;
    }
    printf("free pages before == after: no (%ld before, %ld after)\n", before, after);
    return 1;
}
