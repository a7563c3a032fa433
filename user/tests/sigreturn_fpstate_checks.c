// sigreturn_fpstate_checks: rt_sigreturn refuses an FPU image fxrstor cannot load
// lab: 4
//
// The handler edits the saved FPU state (uc_mcontext.fpregs, the fxsave image the
// kernel wrote above the frame) and returns. Linux (fpu__restore_sig) checks it
// before loading it: a reserved MXCSR bit, garbage over the whole image, or an
// fpstate pointer that is not 16-byte aligned make the frame bad, and the process
// dies of SIGSEGV. A valid change (the DAZ bit, a rounding mode) or a pointer moved
// by 16 bytes is loaded as written. NULL fpstate means a fresh FPU (see
// handler_fpu_init). Each case runs in a child.

#define _GNU_SOURCE     // fpregs fields
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

enum forgery { NONE, RESERVED_BIT, GARBAGE, OFF_BY_8, OFF_BY_16, DAZ, ROUND_UP };
static enum forgery forgery;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    switch (forgery) {
    case NONE: break;
    case RESERVED_BIT: uc->uc_mcontext.fpregs->mxcsr |= 1u << 20; break;
    case GARBAGE: memset(uc->uc_mcontext.fpregs, 0xff, 512); break;
    case OFF_BY_8: uc->uc_mcontext.fpregs = (void *)((char *)uc->uc_mcontext.fpregs + 8); break;
    case OFF_BY_16:
        // The image moves by 16: copy it along, so what is loaded is what was saved.
        memmove((char *)uc->uc_mcontext.fpregs - 16, uc->uc_mcontext.fpregs, 512);
        uc->uc_mcontext.fpregs = (void *)((char *)uc->uc_mcontext.fpregs - 16);
        break;
    case DAZ: uc->uc_mcontext.fpregs->mxcsr |= 1u << 6; break;
    case ROUND_UP: uc->uc_mcontext.fpregs->mxcsr = 0x5f80; break;
    }
}

// Run one forgery in a child; returns its wait status, and the child's MXCSR after
// the return through *mxcsr (via a pipe), or 0 if it died.
static int run(enum forgery which, unsigned *mxcsr)
{
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit none = { 0, 0 };
        setrlimit(RLIMIT_CORE, &none);
        forgery = which;
        struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
        sigaction(SIGUSR1, &sa, NULL);
        raise(SIGUSR1);
        unsigned m;
        __asm__ volatile("stmxcsr %0" : "=m"(m));
        write(p[1], &m, sizeof m);
        _exit(0);
    }
    close(p[1]);
    int status;
    waitpid(pid, &status, 0);
    *mxcsr = 0;
    if (read(p[0], mxcsr, sizeof *mxcsr) != sizeof *mxcsr)
        *mxcsr = 0;
    close(p[0]);
    return status;
}

static void expect_killed(const char *name, enum forgery which)
{
    char what[96];
    unsigned m;
    int status = run(which, &m);
    snprintf(what, sizeof what, "%s: killed by SIGSEGV", name);
    check(what, WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGSEGV);
}

static void expect_loaded(const char *name, enum forgery which, unsigned want)
{
    char what[96];
    unsigned m;
    int status = run(which, &m);
    snprintf(what, sizeof what, "%s: returns normally", name);
    check(what, WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);
    snprintf(what, sizeof what, "%s: mxcsr %#x after the return", name, want);
    check(what, m, want);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    expect_loaded("untouched fpstate", NONE, 0x1f80);
    expect_killed("reserved MXCSR bit", RESERVED_BIT);
    expect_killed("fxsave image all 0xff", GARBAGE);
    expect_killed("fpstate 8 bytes off 16-byte alignment", OFF_BY_8);
    expect_loaded("fpstate moved by 16 bytes", OFF_BY_16, 0x1f80);
    expect_loaded("DAZ bit set", DAZ, 0x1fc0);
    expect_loaded("round up (0x5f80)", ROUND_UP, 0x5f80);
    return failures != 0;
}
