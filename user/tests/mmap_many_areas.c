// mmap_many_areas: a 4 MiB mapping with every other page unmapped is 512 areas
// lab: 0
//
// munmap of one page in the middle of a mapping splits its area in two, so 4 MiB
// with every other page unmapped is 512 areas, and 512 holes. Linux allows a process
// 65530 areas (vm.max_map_count); siglab once allowed 64, and that munmap failed
// with ENOMEM long before Linux's would. Then, page by page, checked with a SIGSEGV
// probe (siglab has no mincore, nor /proc/self/maps to count the areas):
//  - every kept page is still mapped and holds its bytes, every hole faults
//    (SEGV_MAPERR);
//  - mprotect(PROT_READ) of every other kept page splits the areas again: those
//    pages refuse writes (SEGV_ACCERR), the others take them;
//  - mapping the holes back (MAP_FIXED) and one mprotect over the whole range make
//    one area again: every page takes a write, the old ones kept their bytes, the
//    new ones read zero;
//  - one munmap of the whole range removes it all.
// Every page (and every area's bookkeeping) is free once the process is gone.

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#include "sigtest.h"
#include "exhaust.h"

#define PAGE  4096
#define PAGES 1024                      // 4 MiB

static sigjmp_buf probe_env;
static volatile int probe_code;

static void on_segv(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)uc;
    probe_code = info->si_code;
    siglongjmp(probe_env, 1);
}

// 0 if the byte at p can be read (into *byte) or written, else the fault's si_code.
static int probe(volatile char *p, int write, char *byte)
{
    if (sigsetjmp(probe_env, 1))
        return probe_code;
    if (write)
        *p = 1;
    else
        *byte = *p;
    return 0;
}

static char *base;

static char fill(int page) { return (char)(page * 7 + 3); }

// How many pages i (i % step == first) answer an access with code (0: it worked);
// for a read that worked, the byte must also be the page's own, or zero if zeroed.
static int count_pages(int first, int step, int write, int code, int zeroed)
{
    int n = 0;
    for (int i = first; i < PAGES; i += step) {
        char byte = 0;
        int got = probe(base + (long)i * PAGE, write, &byte);
        if (got == code && (write || code || byte == (zeroed ? 0 : fill(i))))
            n++;
    }
    return n;
}

static int scenario(void)
{
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);
    base = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("  mmap of 4 MiB", base != MAP_FAILED, 1);
    for (int i = 0; i < PAGES; i++)
        base[(long)i * PAGE] = fill(i);

    int unmapped = 0;
    for (int i = 1; i < PAGES; i += 2)
        unmapped += munmap(base + (long)i * PAGE, PAGE) == 0;
    check("  munmap of every other page (512 holes)", unmapped, PAGES / 2);
    check("  kept pages readable, with their bytes", count_pages(0, 2, 0, 0, 0), PAGES / 2);
    check("  holes fault with SEGV_MAPERR", count_pages(1, 2, 0, SEGV_MAPERR, 0), PAGES / 2);

    int protected = 0;
    for (int i = 0; i < PAGES; i += 4)
        protected += mprotect(base + (long)i * PAGE, PAGE, PROT_READ) == 0;
    check("  mprotect(PROT_READ) of every other kept page", protected, PAGES / 4);
    check("  they refuse a write with SEGV_ACCERR", count_pages(0, 4, 1, SEGV_ACCERR, 0),
          PAGES / 4);
    check("  they still read their bytes", count_pages(0, 4, 0, 0, 0), PAGES / 4);
    check("  the other kept pages take a write", count_pages(2, 4, 1, 0, 0), PAGES / 4);

    int remapped = 0;
    for (int i = 1; i < PAGES; i += 2)
        remapped += mmap(base + (long)i * PAGE, PAGE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == base + (long)i * PAGE;
    check("  the holes mapped back (MAP_FIXED)", remapped, PAGES / 2);
    check("  they read zero", count_pages(1, 2, 0, 0, 1), PAGES / 2);
    check("  mprotect(PROT_READ | PROT_WRITE) of all 4 MiB",
          mprotect(base, PAGES * PAGE, PROT_READ | PROT_WRITE), 0);
    check("  pages 0, 4, 8, ... kept their bytes", count_pages(0, 4, 0, 0, 0),
          PAGES / 4);
    check("  every page takes a write", count_pages(0, 1, 1, 0, 0), PAGES);

    check("  one munmap of all 4 MiB", munmap(base, PAGES * PAGE), 0);
    check("  every page faults with SEGV_MAPERR", count_pages(0, 1, 0, SEGV_MAPERR, 0), PAGES);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    return run_scenario("4 MiB, every other page unmapped", scenario);
}
