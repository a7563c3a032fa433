// segv_maperr: touching unmapped memory: SIGSEGV, SEGV_MAPERR, si_addr = the address
// lab: 3
//
// Touching an address with no mapping raises SIGSEGV with si_code SEGV_MAPERR
// and si_addr = the address touched: a read of NULL, a write to NULL + 0x10,
// and a read from a page we unmapped. The handler's ucontext has rip at the
// faulting instruction.
//
// The handler leaves by siglongjmp (fault.h), so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends (fault.h)
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "sigtest.h"
#include "fault.h"

// Each faulting instruction has a global label, so we know its address.
extern const char read_null_insn[], write_null_insn[], read_ptr_insn[];

__attribute__((noinline)) static void read_null(void)
{
    asm volatile("read_null_insn: movq 0, %%rax" ::: "rax", "memory");
}

__attribute__((noinline)) static void write_null(void)
{
    asm volatile("write_null_insn: movq %%rax, 0x10" ::: "memory");
}

__attribute__((noinline)) static void read_ptr(void *p)
{
    asm volatile("read_ptr_insn: movq (%0), %%rax" : : "r"(p) : "rax", "memory");
}

static void expect(const char *name, const void *addr, const char *insn)
{
    char what[96];
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, caught.handled, 1);
    snprintf(what, sizeof what, "%s: si_signo SIGSEGV", name);
    check(what, caught.info.si_signo, SIGSEGV);
    snprintf(what, sizeof what, "%s: si_code SEGV_MAPERR", name);
    check(what, caught.info.si_code, SEGV_MAPERR);
    snprintf(what, sizeof what, "%s: si_errno 0", name);
    check(what, caught.info.si_errno, 0);
    snprintf(what, sizeof what, "%s: si_addr is the address touched", name);
    check(what, caught.info.si_addr == addr, 1);
    snprintf(what, sizeof what, "%s: rip is the faulting instruction", name);
    check(what, caught.rip == (uint64_t)insn, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    catch_fault(SIGSEGV);

    run_faulting(read_null());
    expect("read of NULL", (void *)0, read_null_insn);

    run_faulting(write_null());
    expect("write to NULL + 0x10", (void *)0x10, write_null_insn);

    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page, 4096);
    run_faulting(read_ptr((char *)page + 8));
    expect("read of an unmapped page", (char *)page + 8, read_ptr_insn);
    return failures != 0;
}
