// malloc_16m: user memory from the kernel's three sources: the brk heap, a large
// malloc (musl gets it with mmap), and a direct anonymous mmap. Each must read as
// zero when new and keep what we write to every page.

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096
#define MiB  (1024 * 1024)

static int failures;

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

static int all_zero(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

// Fill len bytes with a pattern that differs in every word, then read it back,
// so a page mapped twice or lost would show. volatile keeps the compiler from
// concluding the reads must match the writes and skipping them.
static int pattern_holds(void *mem, size_t len)
{
    volatile uint64_t *w = mem;
    size_t n = len / sizeof *w;

    for (size_t i = 0; i < n; i++)
        w[i] = i * 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < n; i++)
        if (w[i] != i * 0x9e3779b97f4a7c15ULL)
            return 0;
    return 1;
}

// musl's sbrk() refuses to move the break (its malloc owns the heap), so use the
// raw syscall. Run this before any malloc, and put the break back afterwards.
static void brk_heap(void)
{
    char *start = (char *)syscall(SYS_brk, 0);
    char *end = (char *)syscall(SYS_brk, start + 64 * 1024);
    check("brk grows the heap by 64 KiB", end == start + 64 * 1024);
    if (end != start + 64 * 1024)
        return;
    check("new heap reads as zero", all_zero((unsigned char *)start, 64 * 1024));
    check("new heap keeps a pattern", pattern_holds(start, 64 * 1024));
    // On failure Linux's brk returns the unchanged break rather than an error.
    check("brk to a kernel address is refused",
          (char *)syscall(SYS_brk, 0xffff800000000000UL) == end);
    check("brk shrinks the heap back", (char *)syscall(SYS_brk, start) == start);
}

static void malloc_16m(void)
{
    unsigned char *p = malloc(16 * MiB);
    check("malloc(16 MiB) succeeds", p != NULL);
    if (p == NULL)
        return;
    check("16 MiB keeps a pattern in every page", pattern_holds(p, 16 * MiB));
    free(p);
    p = malloc(16 * MiB);
    check("malloc(16 MiB) again after free", p != NULL);
    free(p);
}

static void mmap_1m(void)
{
    unsigned char *p = mmap(NULL, MiB, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("mmap 1 MiB anonymous", p != MAP_FAILED);
    if (p == MAP_FAILED)
        return;
    check("mmap returns a page-aligned address", ((uintptr_t)p & (PAGE - 1)) == 0);
    check("mmap memory reads as zero", all_zero(p, MiB));
    check("mmap memory keeps a pattern", pattern_holds(p, MiB));
    check("munmap 1 MiB", munmap(p, MiB) == 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    brk_heap();
    malloc_16m();
    mmap_1m();
    return failures ? 1 : 0;
}
