// segv_privileged: hlt, cli, in, out in user mode: SIGSEGV, SI_KERNEL, si_addr 0
// lab: 3
//
// A privileged instruction in user mode (hlt, cli, in, out without I/O
// permission) is a general protection fault, reported as SIGSEGV with si_code
// SI_KERNEL and si_addr 0; rip is the instruction itself.
//
// The handler leaves by siglongjmp (fault.h), so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends (fault.h)
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "sigtest.h"
#include "fault.h"

extern const char hlt_insn[], cli_insn[], in_insn[], out_insn[];

__attribute__((noinline)) static void do_hlt(void) { asm volatile("hlt_insn: hlt"); }
__attribute__((noinline)) static void do_cli(void) { asm volatile("cli_insn: cli"); }
__attribute__((noinline)) static void do_in(void) { asm volatile("in_insn: inb $0x80, %%al" ::: "rax"); }
__attribute__((noinline)) static void do_out(void) { asm volatile("out_insn: outb %%al, $0x80" ::: "memory"); }

static void run(const char *name, void (*fn)(void), const char *insn)
{
    char what[96];

    run_faulting(fn());
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, caught.handled, 1);
    snprintf(what, sizeof what, "%s: si_signo SIGSEGV", name);
    check(what, caught.info.si_signo, SIGSEGV);
    snprintf(what, sizeof what, "%s: si_code SI_KERNEL", name);
    check(what, caught.info.si_code, SI_KERNEL);
    snprintf(what, sizeof what, "%s: si_addr 0", name);
    check(what, caught.info.si_addr == NULL, 1);
    snprintf(what, sizeof what, "%s: rip is the instruction", name);
    check(what, caught.rip == (uint64_t)insn, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    catch_fault(SIGSEGV);

    run("hlt", do_hlt, hlt_insn);
    run("cli", do_cli, cli_insn);
    run("inb $0x80", do_in, in_insn);
    run("outb $0x80", do_out, out_insn);
    return failures != 0;
}
