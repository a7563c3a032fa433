// sh: a small shell. It reads a line, splits it into words on spaces and tabs,
// and runs the named program in a child process, waiting for it to finish.
// Builtin: exit [N]. No quoting, pipes, redirection, cd or job control.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXLINE 1024
#define MAXARGS 64

extern char **environ;

static int last_status;     // $? in a real shell: what `exit` with no N returns

// Read one line into buf, without the newline. Returns -1 at end of input.
// We read a byte at a time: reading ahead could swallow input that belongs to
// the programs we start, which share our stdin.
static int read_line(char *buf, int size)
{
    int n = 0;
    char c;

    for (;;) {
        ssize_t r = read(0, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (n == 0)
                return -1;
            break;      // a last line without a newline still runs
        }
        if (c == '\n')
            break;
        if (n < size - 1)
            buf[n++] = c;   // an over-long line is cut short
    }
    buf[n] = '\0';
    return n;
}

// Split line in place into words; returns how many, or -1 if too many.
static int split(char *line, char **argv)
{
    int argc = 0;

    for (char *w = strtok(line, " \t"); w != NULL; w = strtok(NULL, " \t")) {
        if (argc == MAXARGS)
            return -1;
        argv[argc++] = w;
    }
    argv[argc] = NULL;
    return argc;
}

// What bash prints when a child dies of a signal.
static void report_signal(int sig)
{
    switch (sig) {
    case SIGSEGV: fprintf(stderr, "Segmentation fault\n"); break;
    case SIGFPE:  fprintf(stderr, "Floating point exception\n"); break;
    case SIGILL:  fprintf(stderr, "Illegal instruction\n"); break;
    case SIGBUS:  fprintf(stderr, "Bus error\n"); break;
    case SIGABRT: fprintf(stderr, "Aborted\n"); break;
    case SIGKILL: fprintf(stderr, "Killed\n"); break;
    case SIGTERM: fprintf(stderr, "Terminated\n"); break;
    default:      fprintf(stderr, "Killed by signal %d\n", sig); break;
    }
}

// Run argv[0] in a child and wait for it. A name without a '/' is looked up in
// /bin only: there is no PATH search.
static void run(char **argv)
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("sh: fork");
        return;
    }
    if (pid == 0) {
        char path[MAXLINE + 8];
        if (strchr(argv[0], '/'))
            snprintf(path, sizeof path, "%s", argv[0]);
        else
            snprintf(path, sizeof path, "/bin/%s", argv[0]);
        execve(path, argv, environ);
        fprintf(stderr, "sh: %s: not found\n", argv[0]);
        _exit(127);
    }

    int status;
    while (wait4(pid, &status, 0, NULL) < 0) {
        if (errno != EINTR) {
            perror("sh: wait4");
            return;
        }
    }
    if (WIFSIGNALED(status)) {
        report_signal(WTERMSIG(status));
        last_status = 128 + WTERMSIG(status);
    } else {
        last_status = WEXITSTATUS(status);
    }
}

int main(void)
{
    static char line[MAXLINE];
    char *argv[MAXARGS + 1];

    for (;;) {
        // write(2) rather than stdio, so the prompt is out before we block in read.
        write(1, "$ ", 2);
        if (read_line(line, sizeof line) < 0)
            break;
        int argc = split(line, argv);
        if (argc < 0) {
            fprintf(stderr, "sh: too many arguments\n");
            continue;
        }
        if (argc == 0)
            continue;
        if (strcmp(argv[0], "exit") == 0)
            exit(argc > 1 ? atoi(argv[1]) : last_status);
        run(argv);
    }
    // End of input: finish the prompt's line, as an interactive shell does.
    if (isatty(0))
        write(1, "\n", 1);
    return last_status;
}
