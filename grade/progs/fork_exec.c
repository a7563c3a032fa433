// fork_exec (lab 0): fork copies a process, execve replaces one, wait4 reports how
// a child ended; the shell and init rely on nothing else.
//
// usage: fork_exec NONCE STATUS

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    long nonce = arg(argc, argv, 1);
    long status = arg(argc, argv, 2);
    long local = nonce;

    // echo's output comes back through a pipe, so this program prints (and vouches
    // for) what the exec'd program wrote.
    int p[2];
    if (pipe(p) < 0)
        printf("pipe: %s\n", strerror(errno));
    pid_t pid = fork();
    if (pid == 0) {
        // The child has a copy: changing it does not change the parent's.
        local = -1;
        char nonce_text[32];
        snprintf(nonce_text, sizeof nonce_text, "%ld", nonce);
        char *args[] = { "echo", "exec", nonce_text, NULL };
        char *env[] = { NULL };
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execve("/bin/echo", args, env);
        printf("execve: %s\n", strerror(errno));
        _exit(127);
    }
    close(p[1]);
    printf("fork returned a new pid: %s\n", pid > 0 && pid != getpid() ? "yes" : "no");
    char echoed[64] = "";
    ssize_t n, got = 0;
    while (got < (ssize_t)sizeof echoed - 1 &&
           (n = read(p[0], echoed + got, sizeof echoed - 1 - got)) > 0)
        got += n;
    close(p[0]);
    echoed[got] = '\0';
    echoed[strcspn(echoed, "\n")] = '\0';
    printf("the exec'd echo wrote: %s\n", echoed);
    printf("child 1 %s\n", reap(pid, 0));
    printf("the parent's copy is untouched: %ld\n", local);

    pid = fork();
    if (pid == 0)
        _exit((int)status);
    printf("child 2 %s\n", reap(pid, 0));
    errno = 0;
    long r = wait_for(-1, NULL, 0);
    printf("no child left: %s\n", result(r));
    return 0;
}
