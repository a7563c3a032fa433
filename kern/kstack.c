/*
 * Kernel stacks, mapped with a guard page (Linux's CONFIG_VMAP_STACK idea).
 *
 * A process's kernel stack is KSTACK_SIZE bytes, but the page allocator hands out
 * single pages, and pages next to each other in the direct map are not ours to
 * choose. So each stack gets its own place in a kernel virtual area, KSTACK_BASE
 * (kern/memlayout.h): process table slot i owns KSTACK_STRIDE bytes there, an
 * unmapped guard page and above it the stack's pages.
 *
 *     KSTACK_BASE + i * KSTACK_STRIDE:   guard page (never mapped)
 *                                +4 KiB: the stack, 16 KiB, growing down toward the guard
 *
 * A kernel stack that overflows runs into its guard page instead of the memory
 * below it (before, that was the next process's stack). The CPU cannot push the
 * page fault's frame onto a stack that is not there, so the fault becomes a double
 * fault, which runs on its own stack (IST1, kern/trap/gdt.c); trap.c then sees cr2
 * in a guard page and panics with "kernel stack overflow".
 *
 * The page tables of the whole area are made once at boot, under a PML4 entry that
 * every address space copies from boot_pml4 (mm_create): a stack mapped later is
 * then seen by every process, and a stack freed gives back exactly its own pages,
 * so the free-page count comes back once the processes are gone.
 */
#include "kern/kstack.h"
#include "kern/proc.h"
#include "kern/memlayout.h"
#include "kern/pmm.h"
#include "kern/panic.h"
#include "kern/x86.h"

#define KSTACK_PAGES    (KSTACK_SIZE / PAGE_SIZE)
#define KSTACK_STRIDE   (KSTACK_SIZE + PAGE_SIZE)           /* guard page + stack */
#define KSTACK_AREA     ((uint64_t)NPROC * KSTACK_STRIDE)
#define PT_SPAN         (512 * PAGE_SIZE)                   /* what one page table maps */
#define KSTACK_NPT      ((KSTACK_AREA + PT_SPAN - 1) / PT_SPAN)

_Static_assert(KSTACK_NPT <= 512, "the kernel stacks must fit under one page directory");
_Static_assert(KSTACK_BASE % (512 * PT_SPAN) == 0, "KSTACK_BASE must start a page directory");

extern pte_t boot_pml4[];

/* The page tables that map the area, in address order. */
static pte_t *kstack_pt[KSTACK_NPT];

/* A page table page, or a boot-time panic: without them no process can exist. */
static pte_t *table_page(void)
{
    pte_t *t = page_alloc();
    if (!t)
        panic("kstack_init: no page for the kernel stacks' page tables");
    return t;
}

/* Build the area's PDPT, page directory and page tables, and hang them under
   boot_pml4. Must run before the first address space copies boot_pml4. */
void kstack_init(void)
{
    pte_t *pdpt = table_page(), *pd = table_page();
    for (uint64_t i = 0; i < KSTACK_NPT; i++) {
        kstack_pt[i] = table_page();
        pd[i] = V2P(kstack_pt[i]) | PTE_P | PTE_W;
    }
    pdpt[pt_index(KSTACK_BASE, 3)] = V2P(pd) | PTE_P | PTE_W;
    boot_pml4[pt_index(KSTACK_BASE, 4)] = V2P(pdpt) | PTE_P | PTE_W;
}

static uint64_t stack_bottom(int slot)
{
    return KSTACK_BASE + (uint64_t)slot * KSTACK_STRIDE + PAGE_SIZE;   /* above the guard */
}

static pte_t *kstack_pte(uint64_t va)
{
    uint64_t off = va - KSTACK_BASE;
    return &kstack_pt[off / PT_SPAN][pt_index(va, 1)];
}

/* Unmap and free the pages of slot's stack from page n down. */
static void unmap_pages(int slot, int n)
{
    while (n-- > 0) {
        uint64_t va = stack_bottom(slot) + n * PAGE_SIZE;
        pte_t *pte = kstack_pte(va);
        page_free(P2V(*pte & PTE_ADDR));
        *pte = 0;
        invlpg(va);
    }
}

uint8_t *kstack_alloc(int slot)
{
    for (int n = 0; n < (int)KSTACK_PAGES; n++) {
        void *page = page_alloc();
        if (!page) {
            unmap_pages(slot, n);
            return 0;
        }
        uint64_t va = stack_bottom(slot) + n * PAGE_SIZE;
        if (*kstack_pte(va) & PTE_P)
            panic("kstack_alloc: slot %d's stack is still mapped", slot);
        *kstack_pte(va) = V2P(page) | PTE_P | PTE_W | PTE_NX;
    }
    return (uint8_t *)stack_bottom(slot);
}

void kstack_free(int slot)
{
    unmap_pages(slot, KSTACK_PAGES);
}

/* Is addr in one of the guard pages, where only a stack overflow goes? */
bool kstack_guard_page(uint64_t addr)
{
    if (addr < KSTACK_BASE || addr >= KSTACK_BASE + KSTACK_AREA)
        return false;
    return (addr - KSTACK_BASE) % KSTACK_STRIDE < PAGE_SIZE;
}
