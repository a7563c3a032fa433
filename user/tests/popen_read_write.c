// popen_read_write: popen() reads a command's output and writes a command's input;
// pclose() returns its wait status
// lab: 0

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

// As the "reader" command: read stdin, print it back, exit with the byte count.
static int reader(void)
{
    char buf[128];
    size_t n = fread(buf, 1, sizeof buf - 1, stdin);
    buf[n] = 0;
    printf("reader got: %s", buf);
    return (int)n;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "reader") == 0)
        return reader();
    setvbuf(stdout, NULL, _IONBF, 0);

    FILE *f = popen("echo hello from echo", "r");
    check("popen r", f != NULL, 1);
    char line[128] = { 0 };
    check("read a line", fgets(line, sizeof line, f) != NULL, 1);
    check("the line", strcmp(line, "hello from echo\n"), 0);
    check("then end of file", fgetc(f), EOF);
    check("pclose: exit status 0", pclose(f), 0);

    char cmd[256];
    snprintf(cmd, sizeof cmd, "%s reader", argv[0]);
    f = popen(cmd, "w");
    check("popen w", f != NULL, 1);
    fputs("twelve bytes\n", f);
    int st = pclose(f);
    check("pclose: the reader's exit status", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 13);
    return failures != 0;
}
