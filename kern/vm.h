#ifndef KERN_VM_H
#define KERN_VM_H

#include "kern/types.h"
#include "kern/mmu.h"

/* Protection bits, as mmap(2) takes them. */
#define PROT_NONE   0
#define PROT_READ   1
#define PROT_WRITE  2
#define PROT_EXEC   4

/* What a region is for; only used for messages and for brk/stack rules. */
enum vma_kind { VMA_ELF, VMA_HEAP, VMA_STACK, VMA_MMAP, VMA_TRAMPOLINE };

/* A virtual memory area: [start, end) of a user address space with one protection.
   Pages inside an area are allocated on first touch (except ELF segments, which
   exec fills in at once). A VMA_STACK area grows down on demand (Linux VM_GROWSDOWN). */
struct vma {
    uint64_t start, end;
    uint32_t prot;
    enum vma_kind kind;
    struct vma *prev, *next;    /* the neighbours in address order (ULK: vm_next) */
};

/* The most areas a process may have: Linux's vm.max_map_count default. */
#define MAX_MAP_COUNT 65530

/* Where an address space's struct vmas come from: whole pages it owns, carved up and
   kept on a free list, all given back when the address space goes (kern/vma.c). */
struct vma_pool {
    void *pages;                /* the pages, linked through their first word */
    struct vma *free;           /* unused areas, linked through ->next */
};

struct mm {
    pte_t *pml4;                /* direct-map address of the top-level table */
    struct vma *mmap;           /* the lowest area; ->next leads up (ULK's mm->mmap) */
    int map_count;              /* how many areas (Linux mm->map_count) */
    struct vma *mmap_cache;     /* the area find_vma returned last (ULK's mmap_cache) */
    uint64_t mmap_base;         /* mmap hands out addresses below this (exec sets it) */
    /* vma_find_gap searches down from free_area_cache, not from mmap_base, when no
       hole above it is big enough: no hole in [free_area_cache, mmap_base) is larger
       than cached_hole_size (ULK's free_area_cache, Linux 2.6's cached_hole_size). */
    uint64_t free_area_cache, cached_hole_size;
    struct vma_pool pool;
    uint64_t brk_start, brk;    /* the heap is [brk_start, ROUND_UP(brk)) */
    int users;                  /* processes using it (Linux mm_users); 0: slot free */
    size_t rss;                 /* user pages mapped now (not the shared trampoline) */
    size_t hiwater_rss;         /* the most it has been: getrusage's ru_maxrss */
    /* The page mm_user_ptr found last, like one TLB entry: system calls touch the same
       few user pages again and again (the stack, a sigset). Forgotten wherever a page
       table entry changes or goes (forget_user_page in vm.c). */
    struct { uint64_t va; uint8_t *kva; bool writable; } last_user_page;
};

void vm_init(void);
void vm_switch_kernel(void);
void vm_switch(struct mm *mm);

int mm_create(struct mm *mm);
void mm_destroy(struct mm *mm);
int mm_copy(struct mm *dst, const struct mm *src);

/* kern/mm.c: address spaces as shared, counted objects */
struct mm *mm_alloc(void);
struct mm *mm_dup(const struct mm *src);
struct mm *mmget(struct mm *mm);
void mmput(struct mm *mm);

/* kern/vma.c: the areas */
void vma_free_all(struct mm *mm);
int vma_copy_all(struct mm *dst, const struct mm *src);
struct vma *find_vma(struct mm *mm, uint64_t addr);
struct vma *vma_find(struct mm *mm, uint64_t addr);
struct vma *vma_last(struct mm *mm);
int vma_add(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, enum vma_kind kind);
int vma_remove(struct mm *mm, uint64_t start, uint64_t end);
int vma_protect(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot);
bool vma_range_mapped(struct mm *mm, uint64_t start, uint64_t end);
int vma_dontneed(struct mm *mm, uint64_t start, uint64_t end);
/* kern/mmap_layout.c: where areas go, and how far they may grow */
void vma_set_mmap_base(struct mm *mm, uint64_t stack_limit);
uint64_t vma_find_gap(struct mm *mm, uint64_t len);
uint64_t total_vm(const struct mm *mm);
bool may_expand_vm(const struct mm *mm, uint64_t len);
int expand_stack(struct mm *mm, struct vma *stack, uint64_t addr);

void mm_unmap_range(struct mm *mm, uint64_t start, uint64_t end);
size_t mm_rss(const struct mm *mm);     /* the user pages it holds (not the shared ones) */
void mm_protect_range(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot);
int mm_map_page(struct mm *mm, uint64_t va, void *kva, uint32_t prot);
int mm_map_shared_page(struct mm *mm, uint64_t va, uint64_t pa, uint32_t prot);
/* Resolve a page fault at addr: 0 if a page was supplied, else -EFAULT. *accerr tells
   a protection problem (SEGV_ACCERR) from an unmapped address (SEGV_MAPERR). */
int mm_fault(struct mm *mm, uint64_t addr, bool write, bool exec, bool *accerr);
/* The kernel address of the byte at user address va, faulting the page in if the area
   allows it; NULL if a user access of that kind would fault. Inline when va is on the
   page found last (most of the time); else mm_user_ptr_walk looks in the page tables. */
void *mm_user_ptr_walk(struct mm *mm, uint64_t va, bool write);
static inline void *mm_user_ptr(struct mm *mm, uint64_t va, bool write)
{
    if (ROUND_DOWN(va, PAGE_SIZE) == mm->last_user_page.va &&
        (mm->last_user_page.writable || !write))
        return mm->last_user_page.kva + va % PAGE_SIZE;
    return mm_user_ptr_walk(mm, va, write);
}
/* The same for a debugger (ptrace): a read-only private page may be written. */
void *mm_user_ptr_forced(struct mm *mm, uint64_t va, bool write);

#endif
