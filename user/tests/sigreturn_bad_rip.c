// sigreturn_bad_rip: sigreturn to a non-canonical or kernel rip: SIGSEGV
// lab: 4
//
// A handler that sets the saved rip to an address user code cannot run gets the
// process a SIGSEGV right after sigreturn; with SIGSEGV at its default it dies
// (status 139). A non-canonical rip (0x8000000000000000) fails the return
// itself: si_code SI_KERNEL, si_addr 0. A kernel address (0xffffffff80000000)
// is returned to, and the instruction fetch faults: si_code SEGV_MAPERR with
// si_addr = that address.

#define _GNU_SOURCE     // REG_RIP
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

static uint64_t new_rip;

static void on_sigill(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)new_rip;
}

// Exit codes the parent can check: the si_code, and whether si_addr is the
// bad rip (+100) or NULL (+0); anything else 99.
static void on_sigsegv(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)uc;
    int code = info->si_code == SI_KERNEL ? 1 : info->si_code == SEGV_MAPERR ? 2 : 9;
    if (info->si_addr == (void *)new_rip)
        _exit(100 + code);
    _exit(info->si_addr == NULL ? code : 99);
}

static int run(uint64_t rip, int catch_segv)
{
    int status, go[2];
    char c = 0;
    // The child waits for the parent's go: otherwise it may die while the parent is
    // still inside the C library's fork(), which blocks every signal around the
    // syscall, and the SIGCHLD would be left pending instead of discarded (ignored),
    // which changes this test's sigtrace (tests/trace/sigreturn_bad_rip.expected).
    if (pipe(go) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(go[1]);
        if (read(go[0], &c, 1) != 1)
            _exit(4);
        struct sigaction sa = { .sa_sigaction = on_sigill, .sa_flags = SA_SIGINFO };
        struct sigaction segv = { .sa_sigaction = on_sigsegv, .sa_flags = SA_SIGINFO };
        new_rip = rip;
        sigaction(SIGILL, &sa, NULL);
        if (catch_segv)
            sigaction(SIGSEGV, &segv, NULL);
        asm volatile("ud2");
        _exit(3);
    }
    close(go[0]);
    if (write(go[1], &c, 1) != 1)
        return -1;
    waitpid(pid, &status, 0);
    close(go[1]);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit nocore = { 0, 0 };

    setrlimit(RLIMIT_CORE, &nocore);
    signal(SIGSEGV, SIG_DFL);
    check("non-canonical rip: killed by SIGSEGV", run(0x8000000000000000ULL, 0), 139);
    check("non-canonical rip: SIGSEGV is SI_KERNEL, si_addr 0", run(0x8000000000000000ULL, 1), 1);
    check("kernel rip: killed by SIGSEGV", run(0xffffffff80000000ULL, 0), 139);
    check("kernel rip: SIGSEGV is SEGV_MAPERR at that address", run(0xffffffff80000000ULL, 1), 102);
    return failures != 0;
}
