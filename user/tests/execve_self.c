// execve_self: execve replaces the program but keeps the process. Run with no
// arguments, it checks that a missing file fails with ENOENT, then execs itself
// (through argv[0], a path relative to the cwd) with two arguments; the new image
// prints them and checks it still has the old pid, passed along in the environment.

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int after_exec(int argc, char **argv)
{
    printf("after exec: argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("after exec: argv[%d] [%s]\n", i, argv[i]);

    const char *old = getenv("EXECVE_SELF_PID");
    int same = old != NULL && atol(old) == (long)getpid();
    printf("same pid: %s\n", same ? "yes" : "no");
    return same && argc == 3 && strcmp(argv[2], "a b") == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1)
        return after_exec(argc, argv);

    char *noargs[] = { "nonexistent", NULL };
    char *noenv[] = { NULL };
    errno = 0;
    int r = execve("/nonexistent/program", noargs, noenv);
    printf("execve of a missing file: %d %s\n", r, errno == ENOENT ? "ENOENT" : strerror(errno));
    if (r != -1 || errno != ENOENT)
        return 1;

    char pidvar[32];
    snprintf(pidvar, sizeof pidvar, "EXECVE_SELF_PID=%ld", (long)getpid());
    char *args[] = { argv[0], "child", "a b", NULL };
    char *env[] = { "SIGLAB_TEST=1", pidvar, NULL };
    printf("before exec: running %s child \"a b\"\n", argv[0]);
    execve(argv[0], args, env);
    printf("execve of %s failed: %s\n", argv[0], strerror(errno));
    return 1;
}
