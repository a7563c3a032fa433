// fork_wait: fork, exit and wait4 as a parent sees them: exit codes, death by a
// fault, WNOHANG on a live child, and ECHILD when nothing is left to wait for.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

static void exit_status(void)
{
    int status;
    pid_t pid = fork();
    if (pid == 0)
        exit(42);
    check("fork: returned a child pid", pid > 0);
    check("wait4: returned that pid", wait4(pid, &status, 0, NULL) == pid);
    check("fork: child exit status 42", WIFEXITED(status) && WEXITSTATUS(status) == 42);
    check("fork: child not signaled", !WIFSIGNALED(status));
}

static void fault_status(void)
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        // volatile int: gcc must not drop the store as dead (it knows _exit reads
        // no memory). volatile pointer: gcc must not see the NULL, or it may treat
        // the store as undefined behaviour and rewrite it.
        volatile int *volatile p = NULL;
        // cppcheck-suppress nullPointer ; deliberate: this fault is what we test
        *p = 1;     // NOLINT(clang-analyzer-core.NullDereference)
        _exit(0);   // not reached
    }
    check("wait4: faulting child reaped", wait4(pid, &status, 0, NULL) == pid);
    check("faulting child: WIFSIGNALED", WIFSIGNALED(status));
    check("faulting child: WTERMSIG == SIGSEGV (11)", WTERMSIG(status) == SIGSEGV);
}

// The child blocks reading an empty pipe, so it cannot have exited while the
// parent holds the write end: WNOHANG must report 0. Closing it sends EOF.
static void wnohang(void)
{
    int fds[2], status;
    char c;

    if (pipe(fds) < 0) {
        check("pipe", 0);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[1]);
        _exit(read(fds[0], &c, 1) == 0 ? 7 : 8);
    }
    close(fds[0]);
    check("WNOHANG while the child is blocked: 0", wait4(pid, &status, WNOHANG, NULL) == 0);
    close(fds[1]);
    check("after closing the pipe: wait4 returns the child",
          wait4(pid, &status, 0, NULL) == pid);
    check("child saw EOF and exited 7", WIFEXITED(status) && WEXITSTATUS(status) == 7);
}

static void no_children(void)
{
    int status;
    errno = 0;
    long r = wait4(-1, &status, 0, NULL);
    printf("wait4 with no children: %ld %s\n", r, errno == ECHILD ? "ECHILD" : strerror(errno));
    check("wait4 with no children fails with ECHILD", r == -1 && errno == ECHILD);
    errno = 0;
    r = wait4(-1, &status, WNOHANG, NULL);
    check("wait4 WNOHANG with no children fails with ECHILD", r == -1 && errno == ECHILD);
}

int main(void)
{
    // Unbuffered, so no child inherits (and prints again) what the parent printed.
    setvbuf(stdout, NULL, _IONBF, 0);
    exit_status();
    fault_status();
    wnohang();
    no_children();
    return failures ? 1 : 0;
}
