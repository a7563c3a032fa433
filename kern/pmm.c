/*
 * Physical page allocator: a free list threaded through the free pages themselves
 * (each free page's first word points to the next), like xv6's kalloc, plus the
 * ranges of RAM never handed out yet, which page_alloc carves from once the list is
 * empty. (Putting all 32,000 pages on the list at boot costs half a second under
 * QEMU's instruction counting: every page would be touched.)
 *
 * Before any of that, boot_alloc hands out contiguous memory just past the kernel
 * and the GRUB modules. The free-page count is observable (sysinfo(2)), which is how
 * tests find leaks.
 */
#include "kern/pmm.h"
#include "kern/memlayout.h"
#include "kern/mmu.h"
#include "kern/multiboot.h"
#include "kern/string.h"
#include "kern/panic.h"

struct free_page {
    struct free_page *next;
};

static struct free_page *free_list;
static struct phys_range untouched[MAX_REGIONS];    /* never allocated yet */
static int nuntouched;
static size_t nfree, ntotal;
static uint64_t boot_next;      /* physical; 0 until first boot_alloc */

extern char kernel_end[];

static uint64_t first_free_phys(void)
{
    uint64_t end = KV2P(kernel_end);
    for (int i = 0; i < boot_info.nmodules; i++)
        end = MAX(end, boot_info.modules[i].end);
    return ROUND_UP(end, PAGE_SIZE);
}

void *boot_alloc(size_t size)
{
    if (ntotal)
        panic("boot_alloc: called after pmm_init");
    if (!boot_next)
        boot_next = first_free_phys();
    uint64_t pa = boot_next;
    boot_next = ROUND_UP(boot_next + size, PAGE_SIZE);
    if (boot_next > PHYS_MAP_LIMIT)
        panic("boot_alloc: out of memory below 1 GiB");
    return P2V(pa);
}

void page_free(void *kva)
{
    uint64_t pa = V2P(kva);
    if (pa % PAGE_SIZE || pa >= PHYS_MAP_LIMIT)
        panic("page_free: bad page %p", kva);
    struct free_page *p = kva;
    p->next = free_list;
    free_list = p;
    nfree++;
}

/* A page from the untouched ranges, or NULL when RAM is all used. */
static void *carve_page(void)
{
    for (int i = 0; i < nuntouched; i++) {
        struct phys_range *r = &untouched[i];
        if (r->start + PAGE_SIZE <= r->end) {
            uint64_t pa = r->start;
            r->start += PAGE_SIZE;
            return P2V(pa);
        }
    }
    return 0;
}

void *page_alloc(void)
{
    struct free_page *p = free_list;
    if (p)
        free_list = p->next;
    else if (!(p = carve_page()))
        return 0;
    nfree--;
    memset(p, 0, PAGE_SIZE);
    return p;
}

size_t pages_free(void) { return nfree; }
size_t pages_total(void) { return ntotal; }

/* Every page of usable RAM that is above the kernel, the modules and whatever
   boot_alloc handed out, and below the 1 GiB the direct map covers, becomes free. */
void pmm_init(void)
{
    uint64_t lowest = boot_next ? boot_next : first_free_phys();
    for (int i = 0; i < boot_info.nregions; i++) {
        uint64_t start = ROUND_UP(boot_info.regions[i].start, PAGE_SIZE);
        uint64_t end = ROUND_DOWN(boot_info.regions[i].end, PAGE_SIZE);
        start = MAX(start, lowest);
        end = MIN(end, PHYS_MAP_LIMIT);
        if (start >= end)
            continue;
        untouched[nuntouched++] = (struct phys_range){ start, end };
        ntotal += (end - start) / PAGE_SIZE;
    }
    nfree = ntotal;
    if (!ntotal)
        panic("pmm_init: no usable memory in the multiboot memory map");
}
