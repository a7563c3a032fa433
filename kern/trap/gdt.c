/*
 * The GDT itself is built in boot/entry.S (the boot code needs it before C runs).
 * Here we add the TSS: in long mode it holds no task state, only the stacks the CPU
 * switches to: rsp0 when an interrupt or exception arrives from ring 3, and IST1, a
 * separate known-good stack for double faults (so a kernel stack overflow still
 * produces a panic message instead of a triple fault).
 */
#include "kern/types.h"
#include "kern/gdt.h"
#include "kern/trap/traps.h"

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;    /* past the limit: no I/O bitmap, so ring 3 gets no ports */
} __attribute__((packed));

extern uint64_t gdt[];
static struct tss tss;
static uint8_t double_fault_stack[8192] __attribute__((aligned(16)));

void tss_set_rsp0(uint64_t rsp0)
{
    tss.rsp[0] = rsp0;
}

void gdt_init(void)
{
    uint64_t base = (uint64_t)&tss;
    uint64_t limit = sizeof(tss) - 1;

    tss.iomap_base = sizeof(tss);
    tss.ist[0] = (uint64_t)double_fault_stack + sizeof(double_fault_stack);

    /* A 16-byte system descriptor: type 9 = available 64-bit TSS, present, DPL 0. */
    gdt[TSS_SEL / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
                       (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[TSS_SEL / 8 + 1] = base >> 32;
    __asm__ volatile("ltr %w0" : : "r"(TSS_SEL));
}
