// segv_accerr: writing a read-only page or reading PROT_NONE: SIGSEGV, SEGV_ACCERR
// lab: 3
//
// Touching a mapped page in a way its protection forbids raises SIGSEGV with
// si_code SEGV_ACCERR and si_addr = the address touched: a write to a PROT_READ
// page, and a read of a PROT_NONE page.
//
// The handler leaves by siglongjmp (fault.h), so the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP and friends (fault.h)
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#include "sigtest.h"
#include "fault.h"

extern const char write_ptr_insn[], read_ptr_insn[];

__attribute__((noinline)) static void write_ptr(void *p)
{
    asm volatile("write_ptr_insn: movl $1, (%0)" : : "r"(p) : "memory");
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
    snprintf(what, sizeof what, "%s: si_code SEGV_ACCERR", name);
    check(what, caught.info.si_code, SEGV_ACCERR);
    snprintf(what, sizeof what, "%s: si_addr is the address touched", name);
    check(what, caught.info.si_addr == addr, 1);
    snprintf(what, sizeof what, "%s: rip is the faulting instruction", name);
    check(what, caught.rip == (uint64_t)insn, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    catch_fault(SIGSEGV);

    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("read of the PROT_READ page works", ro[100], 0);
    run_faulting(write_ptr(ro + 0x123));
    expect("write to a PROT_READ page", ro + 0x123, write_ptr_insn);

    char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    run_faulting(read_ptr(none + 0x80));
    expect("read of a PROT_NONE page", none + 0x80, read_ptr_insn);
    return failures != 0;
}
