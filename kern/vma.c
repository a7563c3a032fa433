/*
 * The areas of a user address space (struct vma): a small table sorted by address,
 * which mmap, munmap, brk, mprotect and madvise edit. Pages are vm.c's business; an
 * area only says what may be there and with which protection (mm_fault reads it).
 */
#include "kern/vm.h"
#include "kern/memlayout.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/panic.h"

struct vma *vma_find(struct mm *mm, uint64_t addr)
{
    for (int i = 0; i < mm->nvma; i++)
        if (addr >= mm->vma[i].start && addr < mm->vma[i].end)
            return &mm->vma[i];
    return 0;
}

/* Do areas a and b (a just below b) touch and agree, so that they can be one? */
static bool can_join(const struct vma *a, const struct vma *b)
{
    return a->end == b->start && a->prot == b->prot && a->kind == b->kind;
}

static void vma_merge_around(struct mm *mm, int i);

/* A new area joins the neighbours it touches and agrees with, as Linux's mmap_region
   merges anonymous mappings: a program mapping piece after piece (malloc does) holds
   one area, not one per piece, and does not run out of table. */
int vma_add(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, enum vma_kind kind)
{
    if (start >= end || end > USER_TOP)
        return -EINVAL;
    int i = 0;
    while (i < mm->nvma && mm->vma[i].start < start)
        i++;
    if ((i > 0 && mm->vma[i - 1].end > start) || (i < mm->nvma && mm->vma[i].start < end))
        return -EEXIST;
    struct vma new = { start, end, prot, kind };
    if (i > 0 && can_join(&mm->vma[i - 1], &new)) {
        mm->vma[i - 1].end = end;
        vma_merge_around(mm, i - 1);    /* the right neighbour too, if it agrees */
        return 0;
    }
    if (i < mm->nvma && can_join(&new, &mm->vma[i])) {
        mm->vma[i].start = start;
        return 0;
    }
    if (mm->nvma == NVMA)
        return -ENOMEM;
    memmove(&mm->vma[i + 1], &mm->vma[i], (mm->nvma - i) * sizeof(struct vma));
    mm->vma[i] = new;
    mm->nvma++;
    return 0;
}

static void vma_delete(struct mm *mm, int i)
{
    memmove(&mm->vma[i], &mm->vma[i + 1], (mm->nvma - i - 1) * sizeof(struct vma));
    mm->nvma--;
}

/* Cut area i in two at addr (inside it). The caller checked there is a free slot. */
static void vma_split(struct mm *mm, int i, uint64_t addr)
{
    if (mm->nvma == NVMA || addr <= mm->vma[i].start || addr >= mm->vma[i].end)
        panic("vma_split: no room or %lx outside area %d", addr, i);
    memmove(&mm->vma[i + 1], &mm->vma[i], (mm->nvma - i) * sizeof(struct vma));
    mm->nvma++;
    mm->vma[i].end = addr;
    mm->vma[i + 1].start = addr;
}

/* Remove [start, end) from the areas (trimming or splitting them) and free its pages.
   -ENOMEM, with nothing changed, if a split needs a slot the full table lacks (Linux:
   the map count limit); never drop part of a mapping that stays. */
int vma_remove(struct mm *mm, uint64_t start, uint64_t end)
{
    for (int i = 0; i < mm->nvma; i++)
        if (mm->vma[i].start < start && mm->vma[i].end > end && mm->nvma == NVMA)
            return -ENOMEM;
    for (int i = 0; i < mm->nvma; i++) {
        struct vma *v = &mm->vma[i];
        if (v->end <= start || v->start >= end)
            continue;
        if (start <= v->start && end >= v->end) {
            vma_delete(mm, i--);
        } else if (start <= v->start) {
            v->start = end;
        } else if (end >= v->end) {
            v->end = start;
        } else {
            vma_split(mm, i, end);      /* the hole is in the middle */
            mm->vma[i].end = start;
        }
    }
    mm_unmap_range(mm, start, end);
    return 0;
}

static int vma_index(struct mm *mm, uint64_t addr)
{
    struct vma *v = vma_find(mm, addr);
    return v ? (int)(v - mm->vma) : -1;
}

/* Join area i with its neighbours when they touch and agree, as Linux's vma_merge
   does: mprotect back and forth must not use up the table. */
static void vma_merge_around(struct mm *mm, int i)
{
    struct vma *v = &mm->vma[i];
    if (i + 1 < mm->nvma && can_join(v, &v[1])) {
        v->end = v[1].end;
        vma_delete(mm, i + 1);
    }
    if (i > 0 && can_join(&v[-1], v)) {
        v[-1].end = v->end;
        vma_delete(mm, i);
    }
}

/* Change the protection of area i's part [start, end), splitting the area as needed. */
static int vma_protect_one(struct mm *mm, int i, uint64_t start, uint64_t end, uint32_t prot)
{
    struct vma *v = &mm->vma[i];
    if (v->prot == prot)
        return 0;
    if (v->kind == VMA_TRAMPOLINE && (prot & PROT_WRITE))
        return -EACCES;     /* the page is the kernel's, shared by every process */
    int slots = (v->start < start) + (v->end > end);
    if (mm->nvma + slots > NVMA)
        return -ENOMEM;
    if (v->start < start)
        vma_split(mm, i++, start);
    if (mm->vma[i].end > end)
        vma_split(mm, i, end);
    mm->vma[i].prot = prot;
    mm_protect_range(mm, start, end, prot);
    vma_merge_around(mm, i);
    return 0;
}

/* mprotect's work (Linux mm/mprotect.c): area by area from start; a hole is -ENOMEM,
   and as on Linux the areas before it keep their new protection. */
int vma_protect(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot)
{
    uint64_t addr = start;
    while (addr < end) {
        int i = vma_index(mm, addr);
        if (i < 0)
            return -ENOMEM;
        uint64_t stop = MIN(end, mm->vma[i].end);
        int err = vma_protect_one(mm, i, addr, stop, prot);
        if (err)
            return err;
        addr = stop;
    }
    return 0;
}

/* The start of the first area above addr, or end if none starts before it. */
static uint64_t next_vma_start(struct mm *mm, uint64_t addr, uint64_t end)
{
    for (int i = 0; i < mm->nvma; i++)
        if (mm->vma[i].start > addr)
            return MIN(mm->vma[i].start, end);
    return end;
}

/* Is every page of [start, end) inside some area? */
bool vma_range_mapped(struct mm *mm, uint64_t start, uint64_t end)
{
    for (uint64_t addr = start; addr < end;) {
        struct vma *v = vma_find(mm, addr);
        if (!v)
            return false;
        addr = v->end;
    }
    return true;
}

/* madvise(MADV_DONTNEED) on [start, end): the pages go; touching them again gives
   zero-filled pages, as for Linux's private anonymous memory. Areas that hold a
   program image keep their pages (Linux would reread the file; we have none to
   reread) and the shared trampoline stays. -ENOMEM if part of the range is unmapped
   (the mapped parts are still dropped, as Linux does). */
int vma_dontneed(struct mm *mm, uint64_t start, uint64_t end)
{
    int err = 0;
    for (uint64_t addr = start; addr < end;) {
        struct vma *v = vma_find(mm, addr);
        if (!v) {
            err = -ENOMEM;
            addr = next_vma_start(mm, addr, end);
            continue;
        }
        uint64_t stop = MIN(end, v->end);
        if (v->kind != VMA_ELF && v->kind != VMA_TRAMPOLINE)
            mm_unmap_range(mm, addr, stop);
        addr = stop;
    }
    return err;
}

/* The highest free range of len bytes ending at or below `below`, or 0. */
uint64_t vma_find_gap(struct mm *mm, uint64_t len, uint64_t below)
{
    uint64_t top = below;
    for (int i = mm->nvma - 1; i >= 0; i--) {
        struct vma *v = &mm->vma[i];
        if (v->start >= top)
            continue;
        if (v->end + len <= top)
            break;
        top = v->start;
    }
    return top >= len + PAGE_SIZE * 16 ? top - len : 0;
}
