#ifndef KERN_PMM_H
#define KERN_PMM_H

#include "kern/types.h"

void pmm_init(void);
void *boot_alloc(size_t size);     /* contiguous, before pmm_init only */
void *page_alloc(void);            /* one zeroed 4 KiB page (direct-map address), or NULL */
void page_free(void *kva);
size_t pages_free(void);
size_t pages_total(void);

#endif
