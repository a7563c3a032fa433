// segv_privileged: hlt, cli, in, out in user mode: SIGSEGV, SI_KERNEL, si_addr 0
// lab: 3
//
// A privileged instruction in user mode (hlt, cli, in, out without I/O
// permission) is a general protection fault, reported as SIGSEGV with si_code
// SI_KERNEL and si_addr 0; rip is the instruction itself.
//
// The handler leaves by siglongjmp, so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

#include "sigtest.h"

static sigjmp_buf env;
static siginfo_t got;
static uint64_t got_rip;
static int handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    handled++;
    got = *info;
    got_rip = uc->uc_mcontext.gregs[REG_RIP];
    siglongjmp(env, 1);
}

extern const char hlt_insn[], cli_insn[], in_insn[], out_insn[];

__attribute__((noinline)) static void do_hlt(void) { asm volatile("hlt_insn: hlt"); }
__attribute__((noinline)) static void do_cli(void) { asm volatile("cli_insn: cli"); }
__attribute__((noinline)) static void do_in(void) { asm volatile("in_insn: inb $0x80, %%al" ::: "rax"); }
__attribute__((noinline)) static void do_out(void) { asm volatile("out_insn: outb %%al, $0x80" ::: "memory"); }

static void run(const char *name, void (*fn)(void), const char *insn)
{
    char what[96];

    handled = 0;
    if (sigsetjmp(env, 1) == 0)
        fn();
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
    snprintf(what, sizeof what, "%s: si_signo SIGSEGV", name);
    check(what, got.si_signo, SIGSEGV);
    snprintf(what, sizeof what, "%s: si_code SI_KERNEL", name);
    check(what, got.si_code, SI_KERNEL);
    snprintf(what, sizeof what, "%s: si_addr 0", name);
    check(what, got.si_addr == NULL, 1);
    snprintf(what, sizeof what, "%s: rip is the instruction", name);
    check(what, got_rip == (uint64_t)insn, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(SIGSEGV, &sa, NULL);

    run("hlt", do_hlt, hlt_insn);
    run("cli", do_cli, cli_insn);
    run("inb $0x80", do_in, in_insn);
    run("outb $0x80", do_out, out_insn);
    return failures != 0;
}
