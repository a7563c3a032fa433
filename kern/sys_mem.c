/*
 * Memory system calls: brk, mmap, munmap (anonymous private memory only), mprotect,
 * madvise. They change the areas (struct vma, kern/vma.c); pages arrive when first
 * touched, and mprotect also rewrites the present ones.
 */
#include "kern/proc.h"
#include "kern/memlayout.h"
#include "kern/errno.h"
#include "kern/pmm.h"
#include "kern/syscall.h"

#define MAP_SHARED          0x01
#define MAP_PRIVATE         0x02
#define MAP_TYPE            0x0f
#define MAP_FIXED           0x10
#define MAP_ANONYMOUS       0x20
#define MAP_NORESERVE       0x4000
#define MAP_FIXED_NOREPLACE 0x100000

/* How much of [start, end) the areas already cover. */
static uint64_t mapped_bytes(struct mm *mm, uint64_t start, uint64_t end)
{
    uint64_t bytes = 0;
    for (const struct vma *v = find_vma(mm, start); v && v->start < end; v = v->next) {
        uint64_t lo = MAX(start, v->start), hi = MIN(end, v->end);
        if (lo < hi)
            bytes += hi - lo;
    }
    return bytes;
}

/*
 * Linux's default overcommit policy (vm.overcommit_memory = 0, "heuristic"): memory
 * that may be written privately is promised, not given (pages come when touched), but
 * a single request larger than all of RAM is refused at once rather than promised.
 * Read-only and MAP_NORESERVE mappings promise nothing.
 */
static bool enough_memory(uint64_t len)
{
    return len / PAGE_SIZE <= pages_total();
}

static bool charged(int prot, int flags)
{
    return (prot & PROT_WRITE) && !(flags & MAP_NORESERVE);
}

/* The heap area that ends at old_end: the last one, if mprotect has split the heap.
   NULL if there is none, or if mprotect changed it (the growth gets an area of its own,
   with the heap's protection, as on Linux). */
static struct vma *heap_top(struct mm *mm, uint64_t old_end)
{
    if (old_end <= mm->brk_start)
        return 0;
    struct vma *v = vma_find(mm, old_end - 1);
    if (!v || v->kind != VMA_HEAP || v->end != old_end || v->prot != (PROT_READ | PROT_WRITE))
        return 0;
    return v;
}

static bool range_is_free(struct mm *mm, uint64_t start, uint64_t end)
{
    struct vma *v = find_vma(mm, start);
    if (v && v->start < end)
        return false;
    return end <= USER_TOP && start < end;
}

/* Linux's do_mmap and do_brk_flags refuse a new mapping once the process has more
   than vm.max_map_count areas (so the count can reach one more than the limit, which
   munmap and mprotect, refusing a split at the limit itself, never can). */
static bool too_many_areas(const struct mm *mm)
{
    return mm->map_count > MAX_MAP_COUNT;
}

/* brk(addr): move the end of the heap; returns the new end, or the old one if the
   request cannot be met (Linux's convention: brk never returns an error code). */
long sys_brk(uint64_t addr)
{
    struct mm *mm = current()->mm;
    if (addr < mm->brk_start || addr > USER_TOP - PAGE_SIZE)
        return mm->brk;
    uint64_t old_end = ROUND_UP(mm->brk, PAGE_SIZE);
    uint64_t new_end = ROUND_UP(addr, PAGE_SIZE);
    if (new_end > old_end) {
        uint64_t growth = new_end - old_end;
        if (!range_is_free(mm, old_end, new_end) || !may_expand_vm(mm, growth) ||
            !enough_memory(growth) || too_many_areas(mm))
            return mm->brk;
        struct vma *v = heap_top(mm, old_end);
        if (v)
            v->end = new_end;
        else if (vma_add(mm, old_end, new_end, PROT_READ | PROT_WRITE, VMA_HEAP) < 0)
            return mm->brk;
    } else if (new_end < old_end) {
        if (vma_remove(mm, new_end, old_end) < 0)
            return mm->brk;
    }
    mm->brk = addr;
    return addr;
}

long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
    struct mm *mm = current()->mm;
    (void)fd;
    if (len == 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) || off % PAGE_SIZE)
        return -EINVAL;
    int type = flags & MAP_TYPE;
    if (type != MAP_PRIVATE && type != MAP_SHARED && type != 3)
        return -EINVAL;
    if (len > USER_TOP || too_many_areas(mm))
        return -ENOMEM;
    len = ROUND_UP(len, PAGE_SIZE);
    if (charged(prot, flags) && !enough_memory(len))
        return -ENOMEM;
    /* Files and shared memory need a page cache and shared pages we do not have. */
    if (!(flags & MAP_ANONYMOUS) || type != MAP_PRIVATE)
        return -ENODEV;

    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr % PAGE_SIZE || addr + len > USER_TOP || addr + len < addr)
            return -EINVAL;
        if (addr < MMAP_MIN_ADDR)
            return -EPERM;      /* Linux: security_mmap_addr() */
        /* What MAP_FIXED replaces is not growth. */
        if (!may_expand_vm(mm, len - mapped_bytes(mm, addr, addr + len)))
            return -ENOMEM;
        if (!range_is_free(mm, addr, addr + len)) {
            if (flags & MAP_FIXED_NOREPLACE)
                return -EEXIST;
            if (vma_remove(mm, addr, addr + len) < 0)
                return -ENOMEM;
        }
    } else {
        if (!may_expand_vm(mm, len))
            return -ENOMEM;
        addr = ROUND_DOWN(addr, PAGE_SIZE);
        if (addr < MMAP_MIN_ADDR || !range_is_free(mm, addr, addr + len))
            addr = vma_find_gap(mm, len);
        if (!addr)
            return -ENOMEM;
    }
    if (vma_add(mm, addr, addr + len, prot, VMA_MMAP) < 0)
        return -ENOMEM;
    return addr;
}

long sys_munmap(uint64_t addr, uint64_t len)
{
    if (addr % PAGE_SIZE || len == 0 || addr >= USER_TOP || len > USER_TOP - addr)
        return -EINVAL;
    return vma_remove(current()->mm, addr, addr + ROUND_UP(len, PAGE_SIZE));
}

#define PROT_SEM        0x08
#define PROT_GROWSDOWN  0x01000000
#define PROT_GROWSUP    0x02000000

/* mprotect(2), with Linux's checks in Linux's order (mm/mprotect.c). */
long sys_mprotect(uint64_t start, uint64_t len, uint64_t prot)
{
    struct mm *mm = current()->mm;
    uint64_t grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    prot &= ~grows;
    if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || start % PAGE_SIZE)
        return -EINVAL;
    if (len == 0)
        return 0;
    uint64_t end = start + ROUND_UP(len, PAGE_SIZE);
    if (end <= start)
        return -ENOMEM;
    if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
        return -EINVAL;
    prot &= ~(uint64_t)PROT_SEM;    /* one more thing we need not do: no SysV semaphores */
    struct vma *v = vma_find(mm, start);
    if (grows) {
        /* Only a stack grows down: from its lowest page so far (Linux: vm_start). */
        if (!v || grows != PROT_GROWSDOWN || v->kind != VMA_STACK)
            return v ? -EINVAL : -ENOMEM;
        start = v->start;
    }
    if (!v)
        return -ENOMEM;
    return vma_protect(mm, start, end, prot);
}

/* madvise(2) advice (include/uapi/asm-generic/mman-common.h). */
#define MADV_NORMAL         0
#define MADV_RANDOM         1
#define MADV_SEQUENTIAL     2
#define MADV_WILLNEED       3
#define MADV_DONTNEED       4
#define MADV_FREE           8
#define MADV_DONTFORK       10
#define MADV_DOFORK         11
#define MADV_HUGEPAGE       14
#define MADV_NOHUGEPAGE     15
#define MADV_DONTDUMP       16
#define MADV_DODUMP         17
#define MADV_KEEPONFORK     19
#define MADV_COLD           20
#define MADV_PAGEOUT        21
#define MADV_DONTNEED_LOCKED 24

/* Advice we accept. Most are hints we may ignore (no swap, no huge pages, no core
   files, no readahead); only DONTNEED changes what a program sees. The rest (REMOVE,
   WIPEONFORK, MERGEABLE, POPULATE_*, ...) is -EINVAL: unsupported, as on a Linux
   built without that feature. */
static bool madvise_known(int advice)
{
    switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_DONTNEED: case MADV_FREE: case MADV_DONTFORK: case MADV_DOFORK:
    case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
    case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT: case MADV_DONTNEED_LOCKED:
        return true;
    default:
        return false;
    }
}

long sys_madvise(uint64_t start, uint64_t len, int advice)
{
    struct mm *mm = current()->mm;
    if (!madvise_known(advice) || start % PAGE_SIZE)
        return -EINVAL;
    uint64_t end = start + ROUND_UP(len, PAGE_SIZE);
    if ((len && end == start) || end < start)
        return -EINVAL;     /* len was so large that rounding it up wrapped */
    if (end == start)
        return 0;
    if (advice == MADV_DONTNEED || advice == MADV_DONTNEED_LOCKED)
        return vma_dontneed(mm, start, end);
    /* MADV_FREE lets the kernel drop the pages lazily; keeping them is allowed. */
    return vma_range_mapped(mm, start, end) ? 0 : -ENOMEM;
}
