/* x86-64 4-level paging: page-table entry bits and index helpers (Intel SDM vol. 3, 4.5). */
#ifndef KERN_MMU_H
#define KERN_MMU_H

#include "kern/types.h"

#define PAGE_SIZE   4096UL
#define PAGE_SHIFT  12

#define PTE_P       (1UL << 0)    /* present */
#define PTE_W       (1UL << 1)    /* writable */
#define PTE_U       (1UL << 2)    /* user accessible */
#define PTE_PS      (1UL << 7)    /* 2 MiB page (in a PD entry) */
#define PTE_SHARED  (1UL << 9)    /* (a bit for the OS) a kernel page lent to user space:
                                     the signal trampoline. Never copied, never freed. */
#define PTE_NX      (1UL << 63)   /* no execute (EFER.NXE is on) */
#define PTE_ADDR    0x000ffffffffff000UL

/* Which of the 512 slots an address uses at each level: 4 = PML4 ... 1 = page table. */
static inline int pt_index(uint64_t va, int level)
{
    return (va >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

typedef uint64_t pte_t;

#endif
