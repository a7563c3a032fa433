// mmap_huge: huge requests are answered at once, and RLIMIT_AS bounds the address space
// lab: 0
//
// A 100 TiB anonymous mapping with MAP_NORESERVE (nothing promised) is granted; pages
// come only where touched, and munmap of all of it returns at once: the kernel walks
// what is mapped, not every 2 MiB of the range (siglab once took 40 s of guest time,
// and stalled every other process meanwhile). Without MAP_NORESERVE, a private
// writable 100 TiB is more than all memory, which Linux's default overcommit policy
// refuses at once (ENOMEM), and so does brk. With RLIMIT_AS set, a mapping that would
// take the address space past the limit fails with ENOMEM; one that fits works.

#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

#define TIB (1UL << 40)
#define MIB (1UL << 20)

static long elapsed_ms(struct timespec a, struct timespec b)
{
    return (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    uint64_t size = 100 * TIB;
    char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    check("mmap 100 TiB with MAP_NORESERVE works", p != MAP_FAILED, 1);
    if (p == MAP_FAILED)
        return 1;
    uint64_t spots[] = { 0, TIB, 50 * TIB, size - 4096 };
    for (int i = 0; i < 4; i++)
        p[spots[i]] = (char)(i + 1);
    int same = 1;
    for (int i = 0; i < 4; i++)
        same &= p[spots[i]] == (char)(i + 1);
    check("four pages far apart hold what was written", same, 1);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check("munmap of all 100 TiB", munmap(p, size), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    // A bound 1000 times what either kernel needs, not a measurement.
    check("... returns within a second", elapsed_ms(t0, t1) < 1000, 1);

    errno = 0;
    p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("mmap 100 TiB read-write (promised) fails", p == MAP_FAILED, 1);
    check("... with ENOMEM", errno, ENOMEM);
    p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("mmap 100 TiB PROT_NONE (nothing promised) works", p != MAP_FAILED, 1);
    check("... and its munmap too", munmap(p, size), 0);

    char *brk0 = sbrk(0);
    check("brk(+100 TiB) is refused: the break stays",
          (char *)syscall(SYS_brk, brk0 + size) == brk0, 1);
    check("brk(+1 MiB) works", (char *)syscall(SYS_brk, brk0 + MIB) == brk0 + MIB, 1);
    syscall(SYS_brk, brk0);

    struct rlimit as = { 1024 * MIB, 1024 * MIB };
    check("setrlimit(RLIMIT_AS, 1 GiB)", setrlimit(RLIMIT_AS, &as), 0);
    errno = 0;
    p = mmap(NULL, 2048 * MIB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("then a 2 GiB mapping fails (even PROT_NONE)", p == MAP_FAILED, 1);
    check("... with ENOMEM", errno, ENOMEM);
    p = mmap(NULL, 64 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("a 64 MiB one works", p != MAP_FAILED, 1);
    check("brk(+2 GiB) is refused", (char *)syscall(SYS_brk, brk0 + 2048 * MIB) == brk0, 1);
    return failures != 0;
}
