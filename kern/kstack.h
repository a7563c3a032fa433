/*
 * Kernel stacks: one per process, KSTACK_SIZE bytes of pages from the page allocator,
 * mapped at a fixed place of the kernel's stack area with an unmapped guard page below
 * (kern/kstack.c).
 */
#ifndef KERN_KSTACK_H
#define KERN_KSTACK_H

#include "kern/types.h"

void kstack_init(void);
uint8_t *kstack_alloc(int slot);    /* the stack's lowest address, or NULL: no memory */
void kstack_free(int slot);
bool kstack_guard_page(uint64_t addr);

#endif
