// vfork_suspends_parent: the vfork parent sleeps until its child exits or execs, and
// sees what the child wrote in the memory they share; clone(CLONE_VFORK) without
// CLONE_VM waits the same way but the child writes its own copy
// lab: 0
//
// The child sleeps before it exits or execs, so a parent that ran on (as after fork)
// would write to the pipe first. After an exec the parent resumes while the new
// program still runs.

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static volatile int shared_word;

// Who wrote first into the pipe, then what the child exited with.
static void vfork_then_exit(void)
{
    int fds[2];
    pipe(fds);
    shared_word = 0;
    pid_t pid = vfork();
    if (pid == 0) {
        shared_word = 42;
        struct timespec ts = { 0, 50 * 1000000 };
        nanosleep(&ts, 0);
        write(fds[1], "c", 1);
        _exit(7);
    }
    write(fds[1], "p", 1);
    char order[3] = { 0 };
    read(fds[0], order, 2);
    check("child ran to _exit before the parent went on", strcmp(order, "cp") == 0, 1);
    check("parent sees the child's store", shared_word, 42);
    int status = 0;
    check("waitpid", waitpid(pid, &status, 0), pid);
    check("exit status", WEXITSTATUS(status), 7);
    close(fds[0]);
    close(fds[1]);
}

static void vfork_then_exec(const char *self)
{
    pid_t pid = vfork();
    if (pid == 0) {
        execl(self, self, "sleeper", (char *)0);
        _exit(127);
    }
    check("after exec the parent resumes, child still running",
          waitpid(pid, 0, WNOHANG), 0);
    int status = 0;
    check("waitpid", waitpid(pid, &status, 0), pid);
    check("the exec'd program's exit status", WEXITSTATUS(status), 5);
}

// The child has its own memory, so it may return through libc's syscall() wrapper.
static void clone_vfork_without_vm(void)
{
    int fds[2];
    pipe(fds);
    shared_word = 0;
    long pid = syscall(SYS_clone, CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        shared_word = 42;
        sleep_ms(50);
        write(fds[1], "c", 1);
        _exit(8);
    }
    write(fds[1], "p", 1);
    char order[3] = { 0 };
    read(fds[0], order, 2);
    check("CLONE_VFORK alone: parent waited for the child", strcmp(order, "cp") == 0, 1);
    check("CLONE_VFORK alone: the child wrote its own copy", shared_word, 0);
    int status = 0;
    waitpid(pid, &status, 0);
    check("CLONE_VFORK alone: exit status", WEXITSTATUS(status), 8);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "sleeper") == 0) {
        sleep_ms(100);
        return 5;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    vfork_then_exit();
    vfork_then_exec(argv[0]);
    clone_vfork_without_vm();
    return failures != 0;
}
