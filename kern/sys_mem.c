/*
 * Memory system calls: brk, mmap, munmap (anonymous private memory only).
 * They only change the areas (struct vma); pages arrive when first touched.
 */
#include "kern/proc.h"
#include "kern/memlayout.h"
#include "kern/errno.h"

#define MAP_SHARED          0x01
#define MAP_PRIVATE         0x02
#define MAP_TYPE            0x0f
#define MAP_FIXED           0x10
#define MAP_ANONYMOUS       0x20
#define MAP_FIXED_NOREPLACE 0x100000

static struct vma *heap_vma(struct mm *mm)
{
    struct vma *v = vma_find(mm, mm->brk_start);
    return v && v->kind == VMA_HEAP ? v : 0;
}

static bool range_is_free(struct mm *mm, uint64_t start, uint64_t end)
{
    for (int i = 0; i < mm->nvma; i++)
        if (mm->vma[i].start < end && mm->vma[i].end > start)
            return false;
    return end <= USER_TOP && start < end;
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
        if (!range_is_free(mm, old_end, new_end))
            return mm->brk;
        struct vma *v = heap_vma(mm);
        if (v)
            v->end = new_end;
        else if (vma_add(mm, mm->brk_start, new_end, PROT_READ | PROT_WRITE, VMA_HEAP) < 0)
            return mm->brk;
    } else if (new_end < old_end) {
        vma_remove(mm, new_end, old_end);
        if (new_end > mm->brk_start && !heap_vma(mm))
            vma_add(mm, mm->brk_start, new_end, PROT_READ | PROT_WRITE, VMA_HEAP);
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
    if (len > USER_TOP)
        return -ENOMEM;
    len = ROUND_UP(len, PAGE_SIZE);
    /* Files and shared memory need a page cache and shared pages we do not have. */
    if (!(flags & MAP_ANONYMOUS) || type != MAP_PRIVATE)
        return -ENODEV;

    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr % PAGE_SIZE || addr + len > USER_TOP || addr + len < addr)
            return -EINVAL;
        if (addr < MMAP_MIN_ADDR)
            return -EPERM;      /* Linux: security_mmap_addr() */
        if (!range_is_free(mm, addr, addr + len)) {
            if (flags & MAP_FIXED_NOREPLACE)
                return -EEXIST;
            vma_remove(mm, addr, addr + len);
        }
    } else {
        addr = ROUND_DOWN(addr, PAGE_SIZE);
        if (addr < MMAP_MIN_ADDR || !range_is_free(mm, addr, addr + len))
            addr = vma_find_gap(mm, len, USER_MMAP_TOP);
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
    vma_remove(current()->mm, addr, addr + ROUND_UP(len, PAGE_SIZE));
    return 0;
}
