// mprotect_accerr: mprotect changes page permissions; a forbidden access is SEGV_ACCERR
// lab: 0
//
// mprotect(addr, len, prot) sets the protection of whole pages, splitting a mapping
// where the range ends inside it. A write to a page made read-only, or a read of a
// PROT_NONE page, raises SIGSEGV with si_code SEGV_ACCERR and si_addr the byte
// touched; the pages around keep their own protection. A misaligned address is
// EINVAL, a range with unmapped pages ENOMEM, a bad prot bit EINVAL.

#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

static sigjmp_buf env;
static siginfo_t got;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    got = *si;
    siglongjmp(env, 1);
}

// Touch *p (write if `write`): 0 if it worked, else the si_code of the SIGSEGV.
static int touch(volatile char *p, int write)
{
    got.si_code = 0;
    got.si_addr = 0;
    if (sigsetjmp(env, 1) == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        return 0;
    }
    return got.si_code;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("mmap 3 pages", m != MAP_FAILED, 1);

    check("mprotect the middle page read-only: 0", mprotect(m + pg, pg, PROT_READ), 0);
    check("write to the first page works", touch(m, 1), 0);
    check("write to the middle page: SEGV_ACCERR", touch(m + pg + 100, 1), SEGV_ACCERR);
    check("  si_addr is the byte written", got.si_addr == m + pg + 100, 1);
    check("read of the middle page works", touch(m + pg, 0), 0);
    check("write to the last page works", touch(m + 2 * pg, 1), 0);

    check("PROT_NONE on the last page: 0", mprotect(m + 2 * pg, pg, PROT_NONE), 0);
    check("read of it: SEGV_ACCERR", touch(m + 2 * pg + 8, 0), SEGV_ACCERR);
    check("back to read-write: 0", mprotect(m + pg, 2 * pg, PROT_READ | PROT_WRITE), 0);
    check("then both pages take writes", touch(m + pg, 1) == 0 && touch(m + 2 * pg, 1) == 0, 1);

    errno = 0;
    // (the raw call: musl's mprotect rounds the address down to a page itself)
    check("misaligned address: EINVAL",
          syscall(SYS_mprotect, m + 1, pg, PROT_READ) == -1 && errno == EINVAL, 1);
    munmap(m + 2 * pg, pg);
    errno = 0;
    check("range running into an unmapped page: ENOMEM",
          mprotect(m + pg, 2 * pg, PROT_READ) == -1 && errno == ENOMEM, 1);
    errno = 0;
    check("prot bit 0x40: EINVAL", mprotect(m, pg, 0x40) == -1 && errno == EINVAL, 1);
    check("len 0: 0", mprotect(m, 0, PROT_READ), 0);
    return failures != 0;
}
