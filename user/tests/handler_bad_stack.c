// handler_bad_stack: no room for the frame (bad altstack or rsp): killed by SIGSEGV
// lab: 3
//
// When the kernel cannot write a signal frame (the stack the handler should run
// on is unusable), the handler does not run and the process gets SIGSEGV
// instead; with SIGSEGV at its default it is killed (status 139). Cases: an
// SA_ONSTACK handler whose altstack is PROT_NONE, one whose altstack is
// unmapped memory, and a plain handler while rsp points at unmapped memory.

#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define ALT_SIZE 65536

static void handler(int sig)
{
    (void)sig;
    _exit(3);       // must not run
}

static void use_altstack(void *sp)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_ONSTACK };
    stack_t ss = { .ss_sp = sp, .ss_size = ALT_SIZE, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
}

// kill(getpid(), SIGUSR1) with rsp in unmapped memory: the signal is taken
// on the return from that syscall, with no usable stack.
static void bad_rsp(void *top)
{
    struct sigaction sa = { .sa_handler = handler };
    sigaction(SIGUSR1, &sa, NULL);
    pid_t self = getpid();
    asm volatile("mov %0, %%rsp\n\t"
                 "mov $62, %%eax\n\t"
                 "syscall\n\t"
                 "ud2"              // not reached
                 : : "r"(top), "D"((long)self), "S"((long)SIGUSR1)
                 : "rax", "rcx", "r11", "memory");
}

static void run(const char *name, int which, void *arg)
{
    int status;
    char what[96];

    pid_t pid = fork();
    if (pid == 0) {
        if (which == 0)
            use_altstack(arg);
        else
            bad_rsp(arg);
        _exit(4);
    }
    waitpid(pid, &status, 0);
    snprintf(what, sizeof what, "%s: killed by SIGSEGV (status 139)", name);
    check(what, WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status), 139);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit nocore = { 0, 0 };
    sigset_t empty;

    setrlimit(RLIMIT_CORE, &nocore);
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    signal(SIGSEGV, SIG_DFL);

    char *none = mmap(NULL, ALT_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *gone = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, ALT_SIZE);

    run("altstack is PROT_NONE", 0, none);
    run("altstack is unmapped", 0, gone);
    run("rsp is unmapped, no altstack", 1, gone + ALT_SIZE);
    return failures != 0;
}
