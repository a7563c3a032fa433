// sigreturn_garbage: rt_sigreturn with garbage on the stack: killed by SIGSEGV
// lab: 4
//
// rt_sigreturn called when no signal was delivered reads whatever lies at the
// stack pointer as a signal frame. Garbage there kills the process with SIGSEGV
// (status 139), and never harms the kernel: a frame of zeros (cs 0 cannot be
// returned to), a frame of 0xff bytes, and a stack pointer into unmapped memory
// (the frame cannot be read).
//
// Each case runs in a child, with rsp pointed at a buffer we control so the
// outcome does not depend on what happens to be on the stack.

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define BUF_SIZE 8192

// rt_sigreturn with rsp = sp; the kernel reads the frame at sp - 8.
static void sigreturn_at(char *sp)
{
    asm volatile("mov %0, %%rsp\n\t"
                 "mov %1, %%eax\n\t"
                 "syscall\n\t"
                 "ud2"
                 : : "r"(sp), "i"(SYS_rt_sigreturn) : "rax", "rcx", "r11", "memory");
}

static void run(const char *name, char *sp)
{
    int status;
    char what[96];

    pid_t pid = fork();
    if (pid == 0) {
        sigreturn_at(sp);
        _exit(3);
    }
    waitpid(pid, &status, 0);
    snprintf(what, sizeof what, "%s: killed by SIGSEGV (status 139)", name);
    check(what, WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status), 139);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit nocore = { 0, 0 };

    setrlimit(RLIMIT_CORE, &nocore);
    signal(SIGSEGV, SIG_DFL);
    char *buf = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *gone = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, BUF_SIZE);

    memset(buf, 0, BUF_SIZE);
    run("frame of zeros", buf + 1024);
    memset(buf, 0xff, BUF_SIZE);
    run("frame of 0xff bytes", buf + 1024);
    run("rsp in unmapped memory", gone + 1024);
    return failures != 0;
}
