/*
 * Page tables and user address spaces.
 *
 * Every address space shares the kernel's upper half (PML4 slots 256..511, copied from
 * boot_pml4) and owns its lower half. Pages are described by areas (struct vma) and
 * allocated when first touched; fork copies every present page at once (no
 * copy-on-write: simpler to read, fast enough for us). vfork and clone(CLONE_VM) copy
 * nothing: the child shares the parent's struct mm (kern/mm.c counts its users).
 */
#include "kern/vm.h"
#include "kern/proc.h"
#include "kern/memlayout.h"
#include "kern/pmm.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/panic.h"
#include "kern/x86.h"

extern pte_t boot_pml4[];

#define USER_PML4_SLOTS 256

void vm_init(void)
{
    /* Drop the identity map the boot code needed; user space lives there now. */
    boot_pml4[0] = 0;
    write_cr3(KV2P(boot_pml4));
}

void vm_switch_kernel(void) { write_cr3(KV2P(boot_pml4)); }
void vm_switch(struct mm *mm) { write_cr3(V2P(mm->pml4)); }

static bool mm_is_active(const struct mm *mm)
{
    return read_cr3() == V2P(mm->pml4);
}

/* The page-table entry for va, creating missing tables when alloc is set. */
static pte_t *walk(pte_t *pml4, uint64_t va, bool alloc)
{
    pte_t *table = pml4;
    /* (Unrolled, each level's shift is a constant: every user access walks.) */
#pragma GCC unroll 3
    for (int level = 4; level > 1; level--) {
        pte_t *e = &table[pt_index(va, level)];
        if (!(*e & PTE_P)) {
            if (!alloc)
                return 0;
            void *page = page_alloc();
            if (!page)
                return 0;
            /* Intermediate entries allow everything; the leaf decides. */
            *e = V2P(page) | PTE_P | PTE_W | PTE_U;
        }
        table = P2V(*e & PTE_ADDR);
    }
    return &table[pt_index(va, 1)];
}

/* x86 cannot make a present user page unreadable, so PROT_NONE keeps the page (and
   its contents) but takes away PTE_U: any user access faults, the kernel's direct map
   still reaches it. Write implies read, as on Linux x86. */
static pte_t prot_to_pte(uint32_t prot)
{
    pte_t f = PTE_P | (prot == PROT_NONE ? 0 : PTE_U);
    if (prot & PROT_WRITE)
        f |= PTE_W;
    if (!(prot & PROT_EXEC))
        f |= PTE_NX;
    return f;
}

#define NO_PAGE 1UL     /* not page-aligned: matches no address's page */

/* Before a page table entry changes or goes: mm_user_ptr may not trust its memory. */
static void forget_user_page(struct mm *mm)
{
    mm->last_user_page.va = NO_PAGE;
}

int mm_create(struct mm *mm)
{
    memset(mm, 0, sizeof(*mm));
    forget_user_page(mm);
    mm->pml4 = page_alloc();
    if (!mm->pml4)
        return -ENOMEM;
    for (int i = USER_PML4_SLOTS; i < 512; i++)
        mm->pml4[i] = boot_pml4[i];
    vma_set_mmap_base(mm, 8UL << 20);      /* exec sets it from RLIMIT_STACK */
    return 0;
}

/* One more user page: the resident count and its high-water mark (ru_maxrss). */
static void count_page(struct mm *mm)
{
    mm->rss++;
    mm->hiwater_rss = MAX(mm->hiwater_rss, mm->rss);
}

int mm_map_page(struct mm *mm, uint64_t va, void *kva, uint32_t prot)
{
    pte_t *pte = walk(mm->pml4, va, true);
    if (!pte)
        return -ENOMEM;
    if (*pte & PTE_P)
        panic("mm_map_page: %lx is already mapped", va);
    *pte = V2P(kva) | prot_to_pte(prot);
    count_page(mm);
    return 0;
}

/* Map a page the kernel owns (the trampoline) into this address space. */
int mm_map_shared_page(struct mm *mm, uint64_t va, uint64_t pa, uint32_t prot)
{
    pte_t *pte = walk(mm->pml4, va, true);
    if (!pte)
        return -ENOMEM;
    forget_user_page(mm);
    *pte = pa | prot_to_pte(prot) | PTE_SHARED;
    return 0;
}

/* Free the user pages under one table (level 1 = page table) and the tables below. */
static void free_table(pte_t *table, int level, int nslots)
{
    for (int i = 0; i < nslots; i++) {
        if (!(table[i] & PTE_P))
            continue;
        void *next = P2V(table[i] & PTE_ADDR);
        if (level > 1)
            free_table(next, level - 1, 512);
        if (!(table[i] & PTE_SHARED))
            page_free(next);
        table[i] = 0;
    }
}

void mm_destroy(struct mm *mm)
{
    if (!mm->pml4)
        return;
    if (mm_is_active(mm))
        panic("mm_destroy: address space still in use");
    forget_user_page(mm);
    free_table(mm->pml4, 4, USER_PML4_SLOTS);
    page_free(mm->pml4);
    mm->pml4 = 0;
    vma_free_all(mm);
}

/* Copy every present user page under src_table into dst, at the same addresses. */
static int copy_table(struct mm *dst, const pte_t *src_table, int level, uint64_t va_base,
                      int nslots)
{
    for (int i = 0; i < nslots; i++) {
        if (!(src_table[i] & PTE_P))
            continue;
        uint64_t va = va_base | ((uint64_t)i << (PAGE_SHIFT + 9 * (level - 1)));
        const void *src = P2V(src_table[i] & PTE_ADDR);
        if (level > 1) {
            if (copy_table(dst, src, level - 1, va, 512) < 0)
                return -ENOMEM;
            continue;
        }
        bool shared = src_table[i] & PTE_SHARED;
        void *page = shared ? 0 : page_alloc();
        pte_t *pte = (page || shared) ? walk(dst->pml4, va, true) : 0;
        if (pte && shared) {
            *pte = src_table[i];    /* the same kernel page, not a copy */
            continue;
        }
        if (!pte) {
            if (page)
                page_free(page);
            return -ENOMEM;
        }
        memcpy(page, src, PAGE_SIZE);
        *pte = V2P(page) | (src_table[i] & ~PTE_ADDR);
        count_page(dst);
    }
    return 0;
}

int mm_copy(struct mm *dst, const struct mm *src)
{
    if (mm_create(dst) < 0)
        return -ENOMEM;
    dst->brk_start = src->brk_start;
    dst->brk = src->brk;
    if (vma_copy_all(dst, src) < 0 || copy_table(dst, src->pml4, 4, 0, USER_PML4_SLOTS) < 0) {
        mm_destroy(dst);
        return -ENOMEM;
    }
    return 0;
}

/*
 * Call fn on every present leaf entry in [start, end), visiting only the tables that
 * exist: the cost follows what is mapped, not the size of the range (an empty
 * 100 TiB munmap is as quick as a small one). level 4 is the PML4.
 */
typedef void (*leaf_fn)(pte_t *pte, uint64_t va, void *arg);

static void walk_present(pte_t *table, int level, uint64_t base, uint64_t start, uint64_t end,
                         leaf_fn fn, void *arg)
{
    uint64_t span = 1UL << (PAGE_SHIFT + 9 * (level - 1));     /* what one entry covers */
    int first = start > base ? (int)((start - base) / span) : 0;
    for (int i = first; i < 512; i++) {
        uint64_t va = base + (uint64_t)i * span;
        if (va >= end)
            break;
        if (!(table[i] & PTE_P))
            continue;
        if (level == 1)
            fn(&table[i], va, arg);
        else
            walk_present(P2V(table[i] & PTE_ADDR), level - 1, va, start, end, fn, arg);
    }
}

struct range_op {
    struct mm *mm;
    bool flush;         /* the address space is the one loaded: invalidate the TLB entry */
    uint32_t prot;      /* mm_protect_range's new protection */
};

static void unmap_leaf(pte_t *pte, uint64_t va, void *arg)
{
    const struct range_op *op = arg;
    if (!(*pte & PTE_SHARED)) {
        page_free(P2V(*pte & PTE_ADDR));
        op->mm->rss--;
    }
    *pte = 0;
    if (op->flush)
        invlpg(va);
}

size_t mm_rss(const struct mm *mm)
{
    return mm->rss;
}

/* Unmap and free every page in [start, end). */
void mm_unmap_range(struct mm *mm, uint64_t start, uint64_t end)
{
    struct range_op op = { .mm = mm, .flush = mm_is_active(mm) };
    forget_user_page(mm);
    walk_present(mm->pml4, 4, 0, start, end, unmap_leaf, &op);
}

static void protect_leaf(pte_t *pte, uint64_t va, void *arg)
{
    const struct range_op *op = arg;
    *pte = (*pte & (PTE_ADDR | PTE_SHARED)) | prot_to_pte(op->prot);
    if (op->flush)
        invlpg(va);
}

/* Give the present pages of [start, end) the protection prot, and flush them. */
void mm_protect_range(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot)
{
    struct range_op op = { .mm = mm, .flush = mm_is_active(mm), .prot = prot };
    forget_user_page(mm);
    walk_present(mm->pml4, 4, 0, start, end, protect_leaf, &op);
}

/* ---- faults and user access ---- */

static bool vma_allows(const struct vma *v, bool write, bool exec)
{
    if (v->prot == PROT_NONE)
        return false;
    if (write && !(v->prot & PROT_WRITE))
        return false;
    if (exec && !(v->prot & PROT_EXEC))
        return false;
    return true;
}

/* The area for a fault at addr: the one holding it, or the stack grown down to it.
   Only the faulting process's own stack grows (not one ptrace or execve writes). */
static struct vma *fault_vma(struct mm *mm, uint64_t addr)
{
    struct vma *v = find_vma(mm, addr);
    if (!v || v->start <= addr)
        return v;
    bool own = current() && current()->mm == mm;
    if (v->kind == VMA_STACK && own && expand_stack(mm, v, addr) == 0)
        return v;
    return 0;
}

int mm_fault(struct mm *mm, uint64_t addr, bool write, bool exec, bool *accerr)
{
    struct vma *v = fault_vma(mm, addr);
    *accerr = v != 0;
    if (!v || !vma_allows(v, write, exec))
        return -EFAULT;
    pte_t *pte = walk(mm->pml4, addr, false);
    if (pte && (*pte & PTE_P))
        return -EFAULT;     /* present but the access was not allowed */
    void *page = page_alloc();
    if (!page)
        return -ENOMEM;     /* the caller decides: kern/oom.c */
    if (mm_map_page(mm, ROUND_DOWN(addr, PAGE_SIZE), page, v->prot) < 0) {
        page_free(page);
        return -ENOMEM;     /* no page for a page table */
    }
    return 0;
}

void *mm_user_ptr_walk(struct mm *mm, uint64_t va, bool write)
{
    if (va >= USER_TOP)
        return 0;
    pte_t *pte = walk(mm->pml4, va, false);
    if (!pte || !(*pte & PTE_P)) {
        bool accerr;
        if (mm_fault(mm, va, write, false, &accerr) < 0)
            return 0;
        pte = walk(mm->pml4, va, false);
    }
    if (!(*pte & PTE_U) || (write && !(*pte & PTE_W)))
        return 0;
    mm->last_user_page.va = ROUND_DOWN(va, PAGE_SIZE);
    mm->last_user_page.kva = P2V(*pte & PTE_ADDR);
    mm->last_user_page.writable = *pte & PTE_W;
    return mm->last_user_page.kva + va % PAGE_SIZE;
}

/* ptrace's access to a tracee (Linux FOLL_FORCE): a debugger writes breakpoints into
   read-only text, so a write needs only a mapped private page, never its write bit.
   Our pages are never shared between processes except the trampoline, which stays
   read-only for everyone. */
void *mm_user_ptr_forced(struct mm *mm, uint64_t va, bool write)
{
    void *kva = mm_user_ptr(mm, va, false);
    if (!kva || !write)
        return kva;
    pte_t *pte = walk(mm->pml4, va, false);
    return (*pte & PTE_SHARED) ? 0 : kva;
}
