// pipeline3: three processes joined by two pipes, like `produce | transform | summarize`.
// The producer writes 1000 numbered lines, the middle stage upper-cases each line and
// appends the square of its number, and the last stage counts and checksums what it
// gets. Every stage must see EOF, which only happens if every process closes the
// pipe ends it does not use.

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NLINES 1000

static int ab[2], bc[2];    // producer -> transform, transform -> summarize

static int produce(FILE *in, FILE *out)
{
    (void)in;
    for (int i = 1; i <= NLINES; i++)
        fprintf(out, "line %d\n", i);
    return 0;
}

static int transform(FILE *in, FILE *out)
{
    char line[64];
    while (fgets(line, sizeof line, in)) {
        long n = atol(line + 5);    // skip "line "
        line[strcspn(line, "\n")] = '\0';
        for (char *p = line; *p; p++)
            *p = toupper((unsigned char)*p);
        fprintf(out, "%s %ld\n", line, n * n);
    }
    return 0;
}

static int summarize(FILE *in, FILE *out)
{
    char line[64];
    long lines = 0, bytes = 0, squares = 0;
    unsigned hash = 2166136261u;    // FNV-1a over every byte received

    while (fgets(line, sizeof line, in)) {
        lines++;
        bytes += strlen(line);
        squares += atol(strrchr(line, ' ') + 1);
        for (char *p = line; *p; p++)
            hash = (hash ^ (unsigned char)*p) * 16777619u;
    }
    fprintf(out, "summarize: %ld lines, %ld bytes, sum of squares %ld, fnv1a %08x\n",
            lines, bytes, squares, hash);
    // 1^2 + ... + 1000^2 = 1000 * 1001 * 2001 / 6
    return lines == NLINES && squares == 333833500L ? 0 : 1;
}

static void close_pipes(void)
{
    close(ab[0]);
    close(ab[1]);
    close(bc[0]);
    close(bc[1]);
}

// Fork a stage reading fd `in` and writing fd `out` (-1: our stdin / stdout).
static pid_t stage(int (*fn)(FILE *, FILE *), int in, int out)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;

    // Keep copies of our two ends, then close all four originals.
    in = in >= 0 ? dup(in) : 0;
    out = out >= 0 ? dup(out) : -1;
    close_pipes();
    FILE *fin = fdopen(in, "r");
    FILE *fout = out >= 0 ? fdopen(out, "w") : stdout;
    int status = fn(fin, fout);
    if (fclose(fout) != 0)
        status = 2;
    _exit(status);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (pipe(ab) < 0 || pipe(bc) < 0) {
        perror("pipe");
        return 1;
    }
    pid_t pids[3] = {
        stage(produce, -1, ab[1]),
        stage(transform, ab[0], bc[1]),
        stage(summarize, bc[0], -1),
    };
    close_pipes();

    // Reap all three before printing, so our lines always come after summarize's.
    int status[3], failures = 0;
    for (int i = 0; i < 3; i++)
        waitpid(pids[i], &status[i], 0);
    for (int i = 0; i < 3; i++) {
        int ok = WIFEXITED(status[i]) && WEXITSTATUS(status[i]) == 0;
        printf("stage %d exit status 0: %s\n", i + 1, ok ? "ok" : "FAILED");
        failures += !ok;
    }
    return failures ? 1 : 0;
}
