// fault_blocked_kills: a fault's SIGSEGV/SIGFPE/SIGILL kills even when blocked or ignored
// lab: 2
//
// A signal raised by a CPU fault cannot be blocked or ignored away: if SIGSEGV
// (or SIGFPE, SIGILL) is blocked or ignored when the fault happens, the kernel
// resets it to the default action and the process dies from it. The same signal
// sent with kill() while blocked just waits.
//
// Each case runs in a child; RLIMIT_CORE 0 keeps the host from writing cores.

#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static void handler(int sig)
{
    (void)sig;
    _exit(5);       // a handler running would be a failure
}

__attribute__((noinline)) static void null_read(void)
{
    asm volatile("movq 0, %%rax" ::: "rax", "memory");
}

__attribute__((noinline)) static void divide_by_zero(void)
{
    asm volatile("xor %%ecx, %%ecx\n\tmov $1, %%eax\n\tcltd\n\tidivl %%ecx" ::: "rax", "rcx", "rdx", "cc");
}

__attribute__((noinline)) static void undefined_opcode(void)
{
    asm volatile("ud2");
}

enum how { BLOCKED_WITH_HANDLER, IGNORED, BLOCKED_AND_IGNORED };

static void run(const char *name, int sig, enum how how, void (*fault)(void))
{
    int status;
    char what[96];

    pid_t pid = fork();
    if (pid == 0) {
        sigset_t block;
        sigemptyset(&block);
        sigaddset(&block, sig);
        if (how == BLOCKED_WITH_HANDLER) {
            struct sigaction sa = { .sa_handler = handler };
            sigaction(sig, &sa, NULL);
        } else {
            signal(sig, SIG_IGN);
        }
        sigprocmask(how == IGNORED ? SIG_UNBLOCK : SIG_BLOCK, &block, NULL);
        fault();
        _exit(6);   // carried on past the fault
    }
    waitpid(pid, &status, 0);
    snprintf(what, sizeof what, "%s: child killed by signal %d", name, sig);
    check(what, WIFSIGNALED(status) ? WTERMSIG(status) : -WEXITSTATUS(status), sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit nocore = { 0, 0 };
    int status;

    setrlimit(RLIMIT_CORE, &nocore);

    run("NULL read, SIGSEGV blocked (handler set)", SIGSEGV, BLOCKED_WITH_HANDLER, null_read);
    run("NULL read, SIGSEGV ignored", SIGSEGV, IGNORED, null_read);
    run("NULL read, SIGSEGV blocked and ignored", SIGSEGV, BLOCKED_AND_IGNORED, null_read);
    run("divide by zero, SIGFPE blocked (handler set)", SIGFPE, BLOCKED_WITH_HANDLER, divide_by_zero);
    run("divide by zero, SIGFPE ignored", SIGFPE, IGNORED, divide_by_zero);
    run("ud2, SIGILL blocked (handler set)", SIGILL, BLOCKED_WITH_HANDLER, undefined_opcode);
    run("ud2, SIGILL ignored", SIGILL, IGNORED, undefined_opcode);

    // kill() of a blocked SIGSEGV is an ordinary signal: it waits.
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t block;
        sigemptyset(&block);
        sigaddset(&block, SIGSEGV);
        sigprocmask(SIG_BLOCK, &block, NULL);
        kill(getpid(), SIGSEGV);
        _exit(is_pending(SIGSEGV) ? 0 : 7);
    }
    waitpid(pid, &status, 0);
    check("kill(SIGSEGV) while blocked: pending, child exits normally",
          WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status), 0);
    return failures != 0;
}
