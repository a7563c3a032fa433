/*
 * The areas of a user address space (struct vma): a list sorted by address, ULK
 * ch. 9's mm->mmap, which mmap, munmap, brk, mprotect and madvise edit. Pages are
 * vm.c's business; an area only says what may be there and with which protection
 * (mm_fault reads it).
 *
 * A process may hold up to MAX_MAP_COUNT areas, as many as Linux allows by default.
 * Linux also keeps them in a tree (red-black in ULK's day, a maple tree now) to find
 * one in O(log n) steps. We walk the list, helped as the kernel of ULK's day was by
 * two caches: mmap_cache, the area found last (faults and system calls come back to
 * the same few), and free_area_cache, where the last free range was found (a
 * program mapping piece after piece finds the next piece at once).
 */
#include "kern/vm.h"
#include "kern/proc.h"
#include "kern/memlayout.h"
#include "kern/pmm.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/panic.h"

/* ---- where struct vmas come from ---- */

/* Each address space carves whole pages into areas, so that everything goes back to
   the page allocator in one sweep when the address space goes (exit, execve). */
#define VMAS_PER_PAGE ((PAGE_SIZE - sizeof(void *)) / sizeof(struct vma))

struct vma_page {
    struct vma_page *next;
    struct vma vma[VMAS_PER_PAGE];
};

static struct vma *vma_alloc(struct mm *mm)
{
    struct vma_pool *pool = &mm->pool;
    if (!pool->free) {
        struct vma_page *page = page_alloc();
        if (!page)
            return 0;
        page->next = pool->pages;
        pool->pages = page;
        for (size_t i = 0; i < VMAS_PER_PAGE; i++) {
            page->vma[i].next = pool->free;
            pool->free = &page->vma[i];
        }
    }
    struct vma *v = pool->free;
    pool->free = v->next;
    memset(v, 0, sizeof(*v));
    return v;
}

static void vma_release(struct mm *mm, struct vma *v)
{
    if (mm->mmap_cache == v)
        mm->mmap_cache = 0;
    v->next = mm->pool.free;
    mm->pool.free = v;
}

/* Forget every area and give their pages back (mm_destroy). */
void vma_free_all(struct mm *mm)
{
    struct vma_page *page = mm->pool.pages;
    while (page) {
        struct vma_page *next = page->next;
        page_free(page);
        page = next;
    }
    mm->pool = (struct vma_pool){ 0, 0 };
    mm->mmap = mm->mmap_cache = 0;
    mm->map_count = 0;
}

/* ---- the list ---- */

/* Put v into the list just above prev (NULL: at the bottom). */
static void link_after(struct mm *mm, struct vma *prev, struct vma *v)
{
    v->prev = prev;
    v->next = prev ? prev->next : mm->mmap;
    if (v->next)
        v->next->prev = v;
    if (prev)
        prev->next = v;
    else
        mm->mmap = v;
    mm->map_count++;
}

static void unlink_vma(struct mm *mm, struct vma *v)
{
    if (v->prev)
        v->prev->next = v->next;
    else
        mm->mmap = v->next;
    if (v->next)
        v->next->prev = v->prev;
    mm->map_count--;
    vma_release(mm, v);
}

/* A copy of src's areas for dst, a new address space (fork). */
int vma_copy_all(struct mm *dst, const struct mm *src)
{
    struct vma *prev = 0;
    for (const struct vma *s = src->mmap; s; s = s->next) {
        struct vma *v = vma_alloc(dst);
        if (!v)
            return -ENOMEM;
        *v = *s;
        link_after(dst, prev, v);
        prev = v;
    }
    dst->mmap_base = src->mmap_base;
    dst->free_area_cache = src->free_area_cache;
    dst->cached_hole_size = src->cached_hole_size;
    return 0;
}

/* The first area that ends above addr (it may also start above it), or NULL: Linux's
   find_vma. The walk starts from the area found last, down or up. */
struct vma *find_vma(struct mm *mm, uint64_t addr)
{
    struct vma *v = mm->mmap_cache ? mm->mmap_cache : mm->mmap;
    if (!v)
        return 0;
    while (v->prev && v->prev->end > addr)
        v = v->prev;
    while (v && v->end <= addr)
        v = v->next;
    if (v)
        mm->mmap_cache = v;
    return v;
}

/* The area holding addr, or NULL. */
struct vma *vma_find(struct mm *mm, uint64_t addr)
{
    struct vma *v = find_vma(mm, addr);
    return v && v->start <= addr ? v : 0;
}

/* The highest area, or NULL. */
struct vma *vma_last(struct mm *mm)
{
    struct vma *v = mm->mmap_cache ? mm->mmap_cache : mm->mmap;
    while (v && v->next)
        v = v->next;
    return v;
}

/* ---- adding, removing, changing ---- */

/* Do areas a and b (a just below b) touch and agree, so that they can be one? */
static bool can_join(const struct vma *a, const struct vma *b)
{
    return a->end == b->start && a->prot == b->prot && a->kind == b->kind;
}

/* Join v with its neighbours when they touch and agree, as Linux's vma_merge does:
   mprotect back and forth must not leave more areas each time. Returns what holds
   v's range now. */
static struct vma *vma_merge_around(struct mm *mm, struct vma *v)
{
    if (v->next && can_join(v, v->next)) {
        v->end = v->next->end;
        unlink_vma(mm, v->next);
    }
    if (v->prev && can_join(v->prev, v)) {
        struct vma *lower = v->prev;
        lower->end = v->end;
        unlink_vma(mm, v);
        v = lower;
    }
    return v;
}

/* A new area joins the neighbours it touches and agrees with, as Linux's mmap_region
   merges anonymous mappings: a program mapping piece after piece (malloc does) holds
   one area, not one per piece. */
int vma_add(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, enum vma_kind kind)
{
    if (start >= end || end > USER_TOP)
        return -EINVAL;
    struct vma *next = find_vma(mm, start);
    if (next && next->start < end)
        return -EEXIST;
    struct vma *prev = next ? next->prev : vma_last(mm);
    struct vma new = { .start = start, .end = end, .prot = prot, .kind = kind };
    if (prev && can_join(prev, &new)) {
        prev->end = end;
        vma_merge_around(mm, prev);     /* the upper neighbour too, if it agrees */
        return 0;
    }
    if (next && can_join(&new, next)) {
        next->start = start;
        return 0;
    }
    struct vma *v = vma_alloc(mm);
    if (!v)
        return -ENOMEM;
    *v = new;
    link_after(mm, prev, v);
    return 0;
}

/* Cut v in two at addr (inside it): v keeps the part below addr, and the new area
   above it is returned. NULL if no struct vma could be had. */
static struct vma *vma_split(struct mm *mm, struct vma *v, uint64_t addr)
{
    if (addr <= v->start || addr >= v->end)
        panic("vma_split: %lx is outside the area [%lx, %lx)", addr, v->start, v->end);
    struct vma *upper = vma_alloc(mm);
    if (!upper)
        return 0;
    *upper = *v;
    upper->start = addr;
    v->end = addr;
    link_after(mm, v, upper);
    return upper;
}

/* A hole opened up to end: if it reaches free_area_cache, a bigger hole may now lie
   above it, and the next search starts from the top again. */
static void hole_opened(struct mm *mm, uint64_t end)
{
    if (end > mm->free_area_cache) {
        mm->free_area_cache = mm->mmap_base;
        mm->cached_hole_size = 0;
    }
}

/* Remove [start, end) from the areas (trimming or splitting them) and free its pages.
   A hole inside one area splits it; with MAX_MAP_COUNT areas already, that is -ENOMEM
   with nothing changed, as Linux's munmap says: never drop part of a mapping that
   stays. */
int vma_remove(struct mm *mm, uint64_t start, uint64_t end)
{
    struct vma *v = find_vma(mm, start);
    if (v && v->start < start && v->end > end &&
        (mm->map_count >= MAX_MAP_COUNT || !vma_split(mm, v, end)))
        return -ENOMEM;
    while (v && v->start < end) {
        struct vma *next = v->next;
        if (start <= v->start && end >= v->end)
            unlink_vma(mm, v);
        else if (start <= v->start)
            v->start = end;
        else
            v->end = start;     /* (v ends by end: the split above saw to it) */
        v = next;
    }
    hole_opened(mm, end);
    mm_unmap_range(mm, start, end);
    return 0;
}

/* Would [start, end), one end of v, given protection prot, simply belong to the
   neighbour on that side? Then Linux's vma_merge moves the boundary between the two,
   and no area is added (so it works even at MAX_MAP_COUNT). */
static struct vma *neighbour_taking(struct vma *v, uint64_t start, uint64_t end, uint32_t prot)
{
    struct vma *n = start == v->start ? v->prev : end == v->end ? v->next : 0;
    if (!n || n->prot != prot || n->kind != v->kind)
        return 0;
    return (n == v->prev && n->end == start) || (n == v->next && n->start == end) ? n : 0;
}

/* Change the protection of v's part [start, end), splitting v as needed. Linux's
   split_vma refuses each split once the process has MAX_MAP_COUNT areas. */
static int vma_protect_one(struct mm *mm, struct vma *v, uint64_t start, uint64_t end,
                           uint32_t prot)
{
    if (v->prot == prot)
        return 0;
    if (v->kind == VMA_TRAMPOLINE && (prot & PROT_WRITE))
        return -EACCES;     /* the page is the kernel's, shared by every process */
    struct vma *n = neighbour_taking(v, start, end, prot);
    if (n && (v->start < start || v->end > end)) {
        if (n == v->prev)
            n->end = v->start = end;
        else
            n->start = v->end = start;
        mm_protect_range(mm, start, end, prot);
        return 0;
    }
    int splits = (v->start < start) + (v->end > end);
    if (splits && mm->map_count + splits > MAX_MAP_COUNT)
        return -ENOMEM;
    if (v->start < start) {
        v = vma_split(mm, v, start);
        if (!v)
            return -ENOMEM;
    }
    if (v->end > end && !vma_split(mm, v, end)) {
        vma_merge_around(mm, v);        /* undo the first split */
        return -ENOMEM;
    }
    v->prot = prot;
    mm_protect_range(mm, start, end, prot);
    vma_merge_around(mm, v);
    return 0;
}

/* mprotect's work (Linux mm/mprotect.c): area by area from start; a hole is -ENOMEM,
   and as on Linux the areas before it keep their new protection. */
int vma_protect(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot)
{
    uint64_t addr = start;
    while (addr < end) {
        struct vma *v = vma_find(mm, addr);
        if (!v)
            return -ENOMEM;
        uint64_t stop = MIN(end, v->end);
        int err = vma_protect_one(mm, v, addr, stop, prot);
        if (err)
            return err;
        addr = stop;
    }
    return 0;
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
        struct vma *v = find_vma(mm, addr);
        if (!v || v->start > addr) {
            err = -ENOMEM;      /* a hole from addr up to the next area */
            if (!v)
                break;
            addr = v->start;
            continue;
        }
        uint64_t stop = MIN(end, v->end);
        if (v->kind != VMA_ELF && v->kind != VMA_TRAMPOLINE)
            mm_unmap_range(mm, addr, stop);
        addr = stop;
    }
    return err;
}
