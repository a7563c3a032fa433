// clone_unsupported (siglab only): siglab has one thread per process, so clone refuses
// with EINVAL the flags that would share more than memory (threads, signal handlers,
// files, fs) and namespaces, which Linux accepts; clone3 is ENOSYS, so glibc falls back
// to clone. Nothing is created, and the process lives on.

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char child_stack[16384] __attribute__((aligned(16)));

static void try(const char *what, unsigned long flags)
{
    // A child made by mistake would return 0 here on child_stack: it exits at once.
    long r = syscall(SYS_clone, flags, child_stack + sizeof child_stack, 0, 0, 0);
    if (r == 0)
        syscall(SYS_exit, 0);
    if (r >= 0)
        printf("%s: created pid %ld\n", what, r);
    else
        printf("%s: %s\n", what, errno == EINVAL ? "EINVAL" : strerror(errno));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    try("thread (glibc pthread_create's flags)",
        CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
        CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID);
    try("CLONE_VM|CLONE_SIGHAND", CLONE_VM | CLONE_SIGHAND | SIGCHLD);
    try("CLONE_FILES", CLONE_FILES | SIGCHLD);
    try("CLONE_FS", CLONE_FS | SIGCHLD);
    try("CLONE_PARENT", CLONE_PARENT | SIGCHLD);
    try("CLONE_NEWNS", CLONE_NEWNS | SIGCHLD);
    try("CLONE_PIDFD", CLONE_PIDFD | SIGCHLD);
    long r = syscall(435, 0, 0);
    printf("clone3: %s\n", r == -1 && errno == ENOSYS ? "ENOSYS" : "other");
    r = waitpid(-1, 0, WNOHANG | __WALL);
    printf("no children: %s\n", r == -1 && errno == ECHILD ? "yes" : "no");
    return 0;
}
