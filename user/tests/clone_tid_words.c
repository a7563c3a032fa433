// clone_tid_words: clone's CLONE_CHILD_SETTID, CLONE_PARENT_SETTID and CLONE_CHILD_CLEARTID
// store and clear the tid words where Linux does, with and without a shared address space
// lab: 0
//
// A forked child (no CLONE_VM) has its own copy of memory: CHILD_SETTID writes only the
// child's copy, PARENT_SETTID only the parent's, taken after the copy. With CLONE_VM the
// child's words are the parent's too, and CHILD_CLEARTID zeroes the word at the child's
// exit because someone (the parent) still uses the memory. Bad tid addresses are
// ignored, never an error.

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

// Words the children look at or write; volatile because a CLONE_VM child writes them
// behind the compiler's back.
static volatile int ptid, ctid, seen_ctid, seen_pid;
static char child_stack[16384] __attribute__((aligned(16)));

// Raw clone: the child runs fn on its own stack (it must end with SYS_exit), the
// parent gets clone's result. No libc wrapper, so nothing runs on a shared stack.
static long clone_on_stack(unsigned long flags, void *stack, volatile int *p_tid,
                           volatile int *c_tid, void (*fn)(void))
{
    long ret;
    register long r10 __asm__("r10") = (long)c_tid;
    register long r8 __asm__("r8") = 0;
    register long r9 __asm__("r9") = (long)fn;
    __asm__ volatile("syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "call *%%r9\n\t"
                     "hlt\n"
                     "1:"
                     : "=a"(ret)
                     : "a"((long)SYS_clone), "D"(flags), "S"(stack), "d"(p_tid), "r"(r10),
                       "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

static void vm_child(void)
{
    seen_ctid = ctid;
    seen_pid = syscall(SYS_getpid);
    syscall(SYS_exit, 0);
}

// fork-like clone: the child reports what it sees in its own copy through its exit code.
static void fork_like(void)
{
    ptid = ctid = 0;
    long pid = syscall(SYS_clone, CLONE_CHILD_SETTID | CLONE_PARENT_SETTID | SIGCHLD, 0,
                       &ptid, &ctid, 0);
    if (pid == 0)
        _exit((ctid == getpid() ? 1 : 0) | (ptid == 0 ? 2 : 0));
    int status = 0;
    waitpid(pid, &status, 0);
    check("fork-like: child sees CHILD_SETTID in its copy", WEXITSTATUS(status) & 1, 1);
    check("fork-like: child's copy lacks PARENT_SETTID", WEXITSTATUS(status) & 2, 2);
    check("fork-like: parent sees PARENT_SETTID", ptid, pid);
    check("fork-like: parent's CHILD_SETTID word untouched", ctid, 0);
}

// glibc's fork(): CHILD_CLEARTID in a child with its own memory clears nothing we see.
static void glibc_fork(void)
{
    ctid = 12345;
    long pid = syscall(SYS_clone, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, 0,
                       0, &ctid, 0);
    if (pid == 0)
        _exit(ctid == getpid() ? 0 : 1);
    int status = 0;
    waitpid(pid, &status, 0);
    check("glibc fork: child exit status", status, 0);
    check("glibc fork: parent's word untouched", ctid, 12345);
}

static void shared_vm(unsigned long extra, const char *what)
{
    ctid = ptid = seen_ctid = seen_pid = 0;
    long pid = clone_on_stack(CLONE_VM | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |
                                  CLONE_PARENT_SETTID | extra | SIGCHLD,
                              child_stack + sizeof child_stack, &ptid, &ctid, vm_child);
    int status = -1;
    waitpid(pid, &status, 0);
    char line[100];
    snprintf(line, sizeof line, "%s: child saw its tid in CHILD_SETTID's word", what);
    check(line, seen_ctid == seen_pid && seen_pid == pid, 1);
    snprintf(line, sizeof line, "%s: CHILD_CLEARTID zeroed it at exit", what);
    check(line, ctid, 0);
    snprintf(line, sizeof line, "%s: PARENT_SETTID", what);
    check(line, ptid, pid);
    snprintf(line, sizeof line, "%s: exit status", what);
    check(line, status, 0);
}

// Addresses nobody can write: the clone still succeeds.
static void bad_pointers(void)
{
    int *bad = (int *)8;
    long pid = syscall(SYS_clone, CLONE_PARENT_SETTID | SIGCHLD, 0, bad, 0, 0);
    if (pid == 0)
        _exit(0);
    check("bad PARENT_SETTID address ignored", pid > 0, 1);
    waitpid(pid, 0, 0);
    pid = syscall(SYS_clone, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, 0, 0,
                  (int *)0xffff800000000000UL, 0);
    if (pid == 0)
        _exit(3);
    int status = 0;
    waitpid(pid, &status, 0);
    check("bad CHILD_SETTID/CLEARTID address: child runs and exits", WEXITSTATUS(status), 3);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    fork_like();
    glibc_fork();
    shared_vm(CLONE_VFORK, "CLONE_VM|CLONE_VFORK");
    shared_vm(0, "CLONE_VM alone");
    bad_pointers();
    return failures != 0;
}
