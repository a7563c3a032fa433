/* The data pages of one /tmp file: a two-level table of page pointers, each level a
   page of 512 pointers, so one file holds up to 1 GiB. Holes have no page. */
#ifndef KERN_TMPFS_DATA_H
#define KERN_TMPFS_DATA_H

#include "kern/types.h"

struct tdata {
    void **top;             /* 512 pointers to leaf tables, or NULL */
    size_t npages;          /* data pages this file holds (st_blocks) */
};

#define TDATA_MAX_SIZE  (512UL * 512 * 4096)

/* The data page for byte offset off: NULL for a hole, unless alloc, then a new zeroed
   page, or NULL when /tmp is full. */
uint8_t *tdata_page(struct tdata *d, uint64_t off, bool alloc);
/* Free the pages wholly beyond size and zero the tail of the last one. */
void tdata_truncate(struct tdata *d, uint64_t size);
/* Pages every /tmp file holds together, and how many they may. */
size_t tdata_pages_used(void);
size_t tdata_pages_limit(void);

#endif
