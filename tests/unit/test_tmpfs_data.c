// sources: kern/tmpfs_data.c
/* /tmp's page tables: holes stay holes, truncation frees exactly the pages past the
   new size (tables too) and zeroes the tail of the last one, and the budget (half of
   RAM) turns into NULL, ENOSPC's cause, without losing a page. */
#include <stdlib.h>
#include <string.h>
#include "tests/unit/check.h"
#include "kern/tmpfs_data.h"

/* The page allocator, for the host: malloc'd pages, counted. */
static size_t allocated, total = 4096;

void *page_alloc(void)
{
    allocated++;
    return calloc(1, 4096);
}

void page_free(void *p)
{
    allocated--;
    free(p);
}

size_t pages_total(void) { return total; }

int main(void)
{
    struct tdata d = { 0 };
    CHECK(tdata_page(&d, 0, false) == NULL);
    CHECK_EQ(allocated, 0);

    uint8_t *p = tdata_page(&d, 5000, true);        /* page 1: top, leaf, data */
    CHECK(p != NULL);
    CHECK_EQ(allocated, 3);
    CHECK_EQ(d.npages, 1);
    CHECK(tdata_page(&d, 4096, false) == p);
    CHECK(tdata_page(&d, 0, false) == NULL);        /* page 0 is a hole */
    memset(p, 0xab, 4096);

    /* Far away: another leaf. */
    CHECK(tdata_page(&d, 2UL * 512 * 4096, true) != NULL);
    CHECK_EQ(allocated, 5);
    CHECK_EQ(d.npages, 2);

    /* Down to 4096 + 10: page 1 stays with 10 bytes, the rest zeroed; leaf 2 goes. */
    tdata_truncate(&d, 4096 + 10);
    CHECK_EQ(allocated, 3);
    CHECK_EQ(d.npages, 1);
    CHECK_EQ(p[9], 0xab);
    CHECK_EQ(p[10], 0);
    CHECK_EQ(p[4095], 0);

    /* Down to exactly 4096: page 1 goes, the leaf stays for page 0's slot. */
    tdata_truncate(&d, 4096);
    CHECK_EQ(d.npages, 0);
    CHECK_EQ(allocated, 2);
    tdata_truncate(&d, 0);
    CHECK_EQ(allocated, 0);
    CHECK(d.top == NULL);
    CHECK_EQ(tdata_pages_used(), 0);

    /* The budget: half of the (pretend) 64 pages. */
    total = 64;
    size_t got = 0;
    while (tdata_page(&d, got * 4096, true))
        got++;
    CHECK_EQ(tdata_pages_used(), 32);
    CHECK_EQ(got, 30);                              /* top and one leaf took two */
    CHECK_EQ(d.npages, 30);
    tdata_truncate(&d, 0);
    CHECK_EQ(allocated, 0);
    CHECK_EQ(tdata_pages_used(), 0);
    return check_summary();
}
