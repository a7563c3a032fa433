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

    pid_t pid = fork();
    if (pid == 0) {
        // The child has a copy: changing it does not change the parent's.
        local = -1;
        char nonce_text[32];
        snprintf(nonce_text, sizeof nonce_text, "%ld", nonce);
        char *args[] = { "echo", "exec", nonce_text, NULL };
        char *env[] = { NULL };
        execve("/bin/echo", args, env);
        printf("execve: %s\n", strerror(errno));
        _exit(127);
    }
    printf("fork returned a new pid: %s\n", pid > 0 && pid != getpid() ? "yes" : "no");
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
