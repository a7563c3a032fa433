// exhaust_memory: mmap and brk until ENOMEM, then the memory is usable again
// lab: 0
//
// Three ways to run out of address space, each in a child, touching one page in
// every piece it gets (so page tables are built too):
//  - mmap 1 TiB at a time with MAP_NORESERVE (no memory is promised, so only
//    the 128 TiB user address space bounds it) until mmap says ENOMEM;
//  - with RLIMIT_AS at 1 GiB, mmap 16 MiB of writable memory at a time until
//    ENOMEM: the limit, not memory, decides;
//  - with RLIMIT_AS at 1 GiB, brk up 16 MiB at a time until the break stops
//    moving (brk never returns an error: it returns the old break).
// Then everything is given back (munmap, brk down), a new mapping works and its
// pages read back what was written; once the child is gone every page is free.
//
// Native and siglab processes start with slightly different mappings (vdso,
// stack), so the counts are printed as ranges.

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"
#include "exhaust.h"

#define TIB        (1UL << 40)
#define MIB        (1UL << 20)
#define STEP       (16 * MIB)
#define AS_LIMIT   (1024 * MIB)
#define MAX_PIECES 256

static char *pieces[MAX_PIECES];

// mmap pieces of size until mmap fails; returns how many, and the errno.
static int map_until_enomem(size_t size, int flags, int *err)
{
    int n = 0;
    *err = 0;
    while (n < MAX_PIECES) {
        char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
        if (p == MAP_FAILED) {
            *err = errno;
            break;
        }
        p[size / 2] = 1;        // one page, and the page tables above it
        pieces[n++] = p;
    }
    return n;
}

static void unmap_all(int n, size_t size)
{
    for (int i = 0; i < n; i++)
        munmap(pieces[i], size);
}

// After the exhaustion: a fresh mapping works, and holds what is written to it.
static int memory_usable_again(void)
{
    size_t size = 64 * 4096;
    uint8_t *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    for (size_t i = 0; i < size; i += 4096)
        p[i] = (uint8_t)(i / 4096);
    for (size_t i = 0; i < size; i += 4096)
        if (p[i] != (uint8_t)(i / 4096))
            return 0;
    return munmap(p, size) == 0;
}

static void report_range(const char *what, int n, int lo, int hi)
{
    char line[128];
    snprintf(line, sizeof line, "%s: between %d and %d", what, lo, hi);
    check(line, n >= lo && n <= hi, 1);
}

static int mmap_address_space(void)
{
    int err;
    int n = map_until_enomem(TIB, MAP_NORESERVE, &err);
    check("1 TiB mmaps end in ENOMEM", err, ENOMEM);
    report_range("how many 1 TiB mmaps fit in 128 TiB", n, 120, 127);
    unmap_all(n, TIB);
    check("memory usable again", memory_usable_again(), 1);
    return failures != 0;
}

static int mmap_rlimit_as(void)
{
    int err;
    struct rlimit lim = { AS_LIMIT, AS_LIMIT };
    check("setrlimit(RLIMIT_AS, 1 GiB)", setrlimit(RLIMIT_AS, &lim), 0);
    int n = map_until_enomem(STEP, 0, &err);
    check("16 MiB mmaps end in ENOMEM", err, ENOMEM);
    report_range("how many 16 MiB mmaps fit in 1 GiB", n, 56, 63);
    unmap_all(n, STEP);
    check("memory usable again", memory_usable_again(), 1);
    return failures != 0;
}

static uintptr_t brk_to(uintptr_t addr) { return (uintptr_t)syscall(SYS_brk, addr); }

static int brk_rlimit_as(void)
{
    struct rlimit lim = { AS_LIMIT, AS_LIMIT };
    check("setrlimit(RLIMIT_AS, 1 GiB)", setrlimit(RLIMIT_AS, &lim), 0);
    uintptr_t start = brk_to(0), end = start;
    int steps = 0;
    while (steps < MAX_PIECES) {
        uintptr_t got = brk_to(end + STEP);
        if (got != end + STEP) {
            check("a refused brk returns the old break", got, end);
            break;
        }
        ((volatile char *)end)[STEP / 2] = 1;
        end = got;
        steps++;
    }
    report_range("how many 16 MiB brk steps fit in 1 GiB", steps, 56, 63);
    check("brk back down to the start", brk_to(start), start);
    check("memory usable again", memory_usable_again(), 1);
    check("brk can grow again", brk_to(start + STEP) == start + STEP, 1);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int bad = run_scenario("mmap 1 TiB MAP_NORESERVE until ENOMEM", mmap_address_space);
    bad |= run_scenario("mmap 16 MiB under RLIMIT_AS until ENOMEM", mmap_rlimit_as);
    bad |= run_scenario("brk 16 MiB under RLIMIT_AS until it stops", brk_rlimit_as);
    return bad;
}
