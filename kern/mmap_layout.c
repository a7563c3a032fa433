/*
 * Where things go in a user address space: mmap_base, below which mmap finds free
 * ranges (from the top down, as Linux's default layout does); the limits on growth
 * (RLIMIT_AS, RLIMIT_STACK); and the main stack, which grows down on demand.
 *
 *     USER_STACK_TOP   +---------------------+
 *                      | stack area          |  grows down to RLIMIT_STACK below the top
 *                      +.....................+
 *                      | (room to grow, and  |  at least the stack limit plus the guard
 *                      |  stack_guard_gap)   |  gap, 128 MiB at least (Linux mmap_base)
 *     mmap_base        +---------------------+
 *                      | mmap areas, placed  |
 *                      | from here down      |
 */
#include "kern/vm.h"
#include "kern/proc.h"
#include "kern/memlayout.h"
#include "kern/errno.h"

/* Linux's stack_guard_gap (256 pages): the stack never grows to within this distance
   of an accessible area below it, so that a runaway recursion faults rather than
   running into other memory. */
#define STACK_GUARD_GAP (256 * PAGE_SIZE)
#define MMAP_GAP_MIN    (128UL << 20)       /* Linux arch/x86/mm/mmap.c: SIZE_128M */

/* Linux's mmap_base (arch/x86/mm/mmap.c), without the randomisation: room below the
   stack for it to grow to its limit, plus the guard gap; at least 128 MiB, at most
   5/6 of the address space. We never go above USER_MMAP_TOP, so that the default
   layout is the one siglab always had. */
void vma_set_mmap_base(struct mm *mm, uint64_t stack_limit)
{
    uint64_t gap = stack_limit + STACK_GUARD_GAP;
    if (gap < stack_limit)
        gap = stack_limit;      /* RLIM_INFINITY and its neighbours */
    gap = MIN(MAX(gap, MMAP_GAP_MIN), USER_TOP / 6 * 5);
    mm->mmap_base = MIN(USER_MMAP_TOP, ROUND_DOWN(USER_STACK_TOP - gap, PAGE_SIZE));
    mm->free_area_cache = mm->mmap_base;
    mm->cached_hole_size = 0;
}

/*
 * The highest free range of len bytes below mmap_base, or 0 (Linux's top-down
 * vm_unmapped_area; the search is the one ULK ch. 9 tells for
 * arch_get_unmapped_area, run downwards). Unless a hole above free_area_cache might
 * be big enough, the search starts there: every hole above it was too small.
 */
uint64_t vma_find_gap(struct mm *mm, uint64_t len)
{
    uint64_t top = mm->free_area_cache;
    if (len <= mm->cached_hole_size) {
        top = mm->mmap_base;        /* a hole above the cache may fit: look again */
        mm->cached_hole_size = 0;
    }
    struct vma *v = find_vma(mm, top);      /* the first area ending above top */
    if (v && v->start < top)
        top = v->start;
    struct vma *below = v ? v->prev : vma_last(mm);
    for (;;) {
        uint64_t floor = below ? below->end : MMAP_MIN_ADDR;
        if (top >= floor + len) {
            mm->free_area_cache = top - len;
            return top - len;
        }
        mm->cached_hole_size = MAX(mm->cached_hole_size, top - floor);
        if (!below)
            return 0;
        top = below->start;
        below = below->prev;
    }
}

/* How much address space the areas cover: what RLIMIT_AS limits (Linux's total_vm). */
uint64_t total_vm(const struct mm *mm)
{
    uint64_t bytes = 0;
    for (const struct vma *v = mm->mmap; v; v = v->next)
        bytes += v->end - v->start;
    return bytes;
}

/* Linux may_expand_vm: may the address space grow by len bytes under RLIMIT_AS? */
bool may_expand_vm(const struct mm *mm, uint64_t len)
{
    uint64_t limit = current()->rlimit[RLIMIT_AS].cur;
    return limit == RLIM_INFINITY || (len <= limit && total_vm(mm) <= limit - len);
}

/*
 * A fault at addr, below the stack area: grow the stack down to addr's page, as
 * Linux's expand_downwards does, if it then stays within RLIMIT_STACK (counted from
 * its top, read now: setrlimit applies at once) and RLIMIT_AS, and at least
 * STACK_GUARD_GAP above the area below it (unless that one is PROT_NONE, a guard of
 * its own). Otherwise -ENOMEM, and the fault is a SIGSEGV with SEGV_MAPERR.
 */
int expand_stack(struct mm *mm, struct vma *stack, uint64_t addr)
{
    uint64_t start = ROUND_DOWN(addr, PAGE_SIZE);
    struct vma *below = stack->prev;
    if (start < MMAP_MIN_ADDR || stack->end - start > current()->rlimit[RLIMIT_STACK].cur)
        return -ENOMEM;
    if (below && below->prot != PROT_NONE && start - below->end < STACK_GUARD_GAP)
        return -ENOMEM;
    if (!may_expand_vm(mm, stack->start - start))
        return -ENOMEM;
    stack->start = start;
    return 0;
}
