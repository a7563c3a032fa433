/*
 * The virtual address map.
 *
 *   0x0000000000000000 .. 0x00007fffffffffff   user space (per process, PML4 slots 0..255)
 *   0x0000000000000000 .. 0x000000000000ffff    never mapped (MMAP_MIN_ADDR)
 *   0x00007ffffffff000 .. 0x00007fffffffffff    TRAMPOLINE_ADDR: the signal trampoline page,
 *                                               the same in every process (read + execute)
 *   below 0x00007ffffffff000                    USER_STACK_TOP: the main stack grows down
 *                                               (to RLIMIT_STACK, kern/mmap_layout.c)
 *   below 0x00007f0000000000                    USER_MMAP_TOP: mmap's areas, from the top down
 *   0xffff800000000000 .. +1 GiB                direct map of physical memory (PML4 slot 256)
 *   0xffffc90000000000 .. +NPROC * 20 KiB       KSTACK_BASE: kernel stacks, each 16 KiB of
 *                                               mapped pages above an unmapped guard page
 *                                               (kern/kstack.c; PML4 slot 402, where Linux
 *                                               keeps its vmalloc area and stacks)
 *   0xffffffff80000000 .. +1 GiB                the kernel image, linked at KERNBASE + 1 MiB
 *
 * The upper half is shared by every address space; only the lower half changes on a
 * context switch.
 */
#ifndef KERN_MEMLAYOUT_H
#define KERN_MEMLAYOUT_H

#define KERNBASE        0xffffffff80000000
#define KERNEL_LOAD     0x100000            /* physical address GRUB loads us at */
#define PHYS_MAP_BASE   0xffff800000000000  /* the direct map */
#define PHYS_MAP_LIMIT  0x40000000          /* we map (and use) the first 1 GiB of RAM */
#define KSTACK_BASE     0xffffc90000000000  /* the kernel stacks (kern/kstack.c) */

#define USER_TOP        0x0000800000000000  /* first non-canonical user address */
/* Nothing is ever mapped below this (Linux's vm.mmap_min_addr default, 64 KiB): a
   kernel bug that follows a NULL pointer, or a CPU entry point left at 0, then faults
   instead of running what a program put there. */
#define MMAP_MIN_ADDR   0x10000
/* The last user page holds kern/signal/trampoline.S, the return path from a handler
   that has no SA_RESTORER (exec.c maps it; tools/gdb/siglab_gdb.py knows it too). */
#define TRAMPOLINE_ADDR 0x00007ffffffff000UL
#define USER_STACK_TOP  TRAMPOLINE_ADDR     /* the stack ends below the trampoline */
/* mmap() hands out addresses below this, or below mm->mmap_base if that is lower
   (a stack limit above 1 TiB, kern/mmap_layout.c). */
#define USER_MMAP_TOP   0x00007f0000000000

#ifndef __ASSEMBLY__
#define P2V(pa)  ((void *)((unsigned long)(pa) + PHYS_MAP_BASE))
#define V2P(va)  ((unsigned long)(va) - PHYS_MAP_BASE)
/* Kernel-image addresses (code, data, bss) to physical. */
#define KV2P(va) ((unsigned long)(va) - KERNBASE)
#endif

#endif
