/*
 * Data pages of /tmp files. Pages come from the page allocator one at a time as a
 * write reaches them, so a write that finds memory full stops there and no other file
 * is touched. As Linux's tmpfs does by default, /tmp may take at most half of RAM: the
 * rest stays for processes, pipes and page tables, so the system still runs (and a
 * test can still print) once /tmp is full.
 */
#include "kern/tmpfs_data.h"
#include "kern/pmm.h"
#include "kern/mmu.h"
#include "kern/string.h"

#define PTRS_PER_TABLE  (PAGE_SIZE / sizeof(void *))

static size_t used;

size_t tdata_pages_used(void) { return used; }
size_t tdata_pages_limit(void) { return pages_total() / 2; }

static void *take_page(void)
{
    if (used >= tdata_pages_limit())
        return 0;
    void *p = page_alloc();
    if (p)
        used++;
    return p;
}

static void give_page(void *p)
{
    page_free(p);
    used--;
}

/* The slot tab[i], allocated first if missing and alloc; NULL if it cannot be. */
static void *slot(void **tab, size_t i, bool alloc)
{
    if (!tab[i] && alloc)
        tab[i] = take_page();
    return tab[i];
}

uint8_t *tdata_page(struct tdata *d, uint64_t off, bool alloc)
{
    if (off >= TDATA_MAX_SIZE)
        return 0;
    uint64_t n = off / PAGE_SIZE;
    if (!d->top && alloc)
        d->top = take_page();
    if (!d->top)
        return 0;
    void **leaf = slot(d->top, n / PTRS_PER_TABLE, alloc);
    if (!leaf)
        return 0;
    bool had = leaf[n % PTRS_PER_TABLE] != 0;
    uint8_t *page = slot(leaf, n % PTRS_PER_TABLE, alloc);
    if (page && !had)
        d->npages++;
    return page;
}

/* Free the data pages of leaf numbered from first on (page numbers within the leaf);
   the leaf too if that empties it. Returns true if the leaf was freed. */
static bool trim_leaf(struct tdata *d, void **leaf, size_t first)
{
    for (size_t i = first; i < PTRS_PER_TABLE; i++) {
        if (leaf[i]) {
            give_page(leaf[i]);
            leaf[i] = 0;
            d->npages--;
        }
    }
    if (first > 0)
        return false;
    give_page(leaf);
    return true;
}

void tdata_truncate(struct tdata *d, uint64_t size)
{
    if (!d->top)
        return;
    uint8_t *last = size % PAGE_SIZE ? tdata_page(d, size, false) : 0;
    if (last)
        memset(last + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
    uint64_t keep = ROUND_UP(size, PAGE_SIZE) / PAGE_SIZE;     /* pages that stay */
    for (size_t t = keep / PTRS_PER_TABLE; t < PTRS_PER_TABLE; t++) {
        size_t first = t == keep / PTRS_PER_TABLE ? keep % PTRS_PER_TABLE : 0;
        if (d->top[t] && trim_leaf(d, d->top[t], first))
            d->top[t] = 0;
    }
    if (size == 0) {
        give_page(d->top);
        d->top = 0;
    }
}
