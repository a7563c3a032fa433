// segv_in_handler: a fault inside the SIGSEGV handler is fatal, unless SA_NODEFER
// lab: 3
//
// A fault inside the SIGSEGV handler happens while SIGSEGV is blocked (the
// handler's own signal), so it is fatal: the kernel resets SIGSEGV to the
// default and the process dies (status 139). With SA_NODEFER SIGSEGV is not
// blocked in the handler, and the second fault re-enters it.
//
// The handler leaves by siglongjmp: the test does not need sigreturn.

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static sigjmp_buf env;
static volatile int depth, max_depth;

__attribute__((noinline)) static void null_read(void)
{
    asm volatile("movq 0, %%rax" ::: "rax", "memory");
}

// Fault again on the first entry; leave on the second.
static void handler(int sig)
{
    (void)sig;
    if (++depth > max_depth)
        max_depth = depth;
    if (depth == 1)
        null_read();
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = handler };
    struct rlimit nocore = { 0, 0 };
    sigset_t empty;
    int status;

    setrlimit(RLIMIT_CORE, &nocore);
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);

    pid_t pid = fork();
    if (pid == 0) {
        sigaction(SIGSEGV, &sa, NULL);
        if (sigsetjmp(env, 1) == 0)
            null_read();
        _exit(3);
    }
    waitpid(pid, &status, 0);
    check("fault inside the handler: killed by SIGSEGV",
          WIFSIGNALED(status) ? WTERMSIG(status) : -WEXITSTATUS(status), SIGSEGV);

    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(env, 1) == 0)
        null_read();
    check("with SA_NODEFER the handler is re-entered (depth 2)", max_depth, 2);
    return failures != 0;
}
