// sigreturn_bad_selectors: sigreturn forces RPL 3 on cs/ss; unusable selectors give SIGSEGV
// lab: 4
//
// sigreturn forces the requested privilege level of the restored cs and ss to 3
// (so cs 0x30 becomes the user code selector 0x33 and works). A selector that
// is still unusable after that (the kernel code segment 0x10 -> 0x13, the data
// segment 0x2b as cs, the kernel data segment 0x18 -> 0x1b or a null ss) cannot
// be returned to: the process gets SIGSEGV (si_code SI_KERNEL) and, with
// SIGSEGV at its default, dies (139). Only when the frame's uc_flags lacks
// UC_STRICT_RESTORE_SS does Linux replace a bad ss with the user data selector
// 0x2b and carry on.

#define _GNU_SOURCE     // REG_RIP and friends
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

#define UC_STRICT_RESTORE_SS 0x4

static int set_cs = -1, set_ss = -1, strict = 1;

// Step over the ud2 and install the requested selectors.
static void on_sigill(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *g = uc->uc_mcontext.gregs;
    (void)sig, (void)info;
    g[REG_RIP] += 2;
    if (set_cs >= 0)
        g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffLL) | set_cs;
    if (set_ss >= 0)
        g[REG_CSGSFS] = (g[REG_CSGSFS] & 0x0000ffffffffffffLL) | (greg_t)set_ss << 48;
    if (!strict)
        uc->uc_flags &= ~UC_STRICT_RESTORE_SS;
}

static void on_sigsegv(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)uc;
    // 1 + si_code, or 100 if si_addr is not NULL.
    _exit(info->si_addr != NULL ? 100 : 1 + (info->si_code & 0xff));
}

// The child's exit status: 128 + signal if killed; for a child that carried
// on, 10 + (cs == 0x33) + 2 * (ss == 0x2b).
static int run(int cs, int ss, int strict_ss, int catch_segv)
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sa = { .sa_sigaction = on_sigill, .sa_flags = SA_SIGINFO };
        struct sigaction segv = { .sa_sigaction = on_sigsegv, .sa_flags = SA_SIGINFO };
        uint16_t cs_now, ss_now;
        set_cs = cs;
        set_ss = ss;
        strict = strict_ss;
        sigaction(SIGILL, &sa, NULL);
        if (catch_segv)
            sigaction(SIGSEGV, &segv, NULL);
        asm volatile("ud2");
        asm volatile("mov %%cs, %0\n\tmov %%ss, %1" : "=r"(cs_now), "=r"(ss_now));
        _exit(10 + (cs_now == 0x33) + 2 * (ss_now == 0x2b));
    }
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit nocore = { 0, 0 };

    setrlimit(RLIMIT_CORE, &nocore);
    signal(SIGSEGV, SIG_DFL);
    check("cs 0x30 (RPL 0) is forced to 0x33: carries on", run(0x30, -1, 1, 0), 13);
    check("ss 0x28 (RPL 0) is forced to 0x2b: carries on", run(-1, 0x28, 1, 0), 13);
    check("cs 0x10 (kernel code): killed by SIGSEGV", run(0x10, -1, 1, 0), 139);
    check("cs 0x10: the SIGSEGV has si_code SI_KERNEL", run(0x10, -1, 1, 1), 1 + SI_KERNEL);
    check("cs 0x2b (a data segment): killed by SIGSEGV", run(0x2b, -1, 1, 0), 139);
    check("ss 0x18 (kernel data): killed by SIGSEGV", run(-1, 0x18, 1, 0), 139);
    check("ss 0 (null): killed by SIGSEGV", run(-1, 0, 1, 0), 139);
    check("ss 0x18 without UC_STRICT_RESTORE_SS: replaced by 0x2b, carries on",
          run(-1, 0x18, 0, 0), 13);
    check("ss 0 without UC_STRICT_RESTORE_SS: replaced by 0x2b, carries on",
          run(-1, 0, 0, 0), 13);
    return failures != 0;
}
