/*
 * The interrupt descriptor table: 256 interrupt gates, one per stub in entry.S.
 * Interrupt gates (not trap gates) clear IF on entry: the kernel runs with interrupts
 * off except in the idle loop, which keeps a single-CPU kernel free of locks.
 */
#include "kern/types.h"
#include "kern/gdt.h"
#include "kern/x86.h"
#include "kern/trap/traps.h"

struct gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;            /* 0, or which IST stack of the TSS to switch to */
    uint8_t type_attr;      /* present | DPL | type */
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

#define GATE_INTERRUPT_DPL0 0x8e
#define GATE_INTERRUPT_DPL3 0xee    /* user code may raise it with an int instruction */

static struct gate idt[256];
extern char vector_table_start[];

static void set_gate(int vec, int dpl3, int ist)
{
    uint64_t handler = (uint64_t)vector_table_start + 16 * vec;
    idt[vec] = (struct gate){
        .offset_low = handler & 0xffff,
        .selector = KERNEL_CS,
        .ist = ist,
        .type_attr = dpl3 ? GATE_INTERRUPT_DPL3 : GATE_INTERRUPT_DPL0,
        .offset_mid = (handler >> 16) & 0xffff,
        .offset_high = handler >> 32,
    };
}

void idt_init(void)
{
    for (int v = 0; v < 256; v++)
        set_gate(v, 0, 0);
    set_gate(T_BRKPT, 1, 0);    /* int3 from user mode becomes SIGTRAP, as on Linux */
    set_gate(T_DBLFLT, 0, 1);   /* double fault runs on IST1 */

    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) ptr = { sizeof(idt) - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" : : "m"(ptr));
}

/* syscall/sysret: where to enter, which selectors to load, which flags to clear. */
void syscall_init(void)
{
    extern char syscall_entry[];
    /* STAR[47:32]: kernel cs (ss = cs + 8). STAR[63:48]: sysret base; user ss = base + 8,
       user cs = base + 16 -> 0x2b and 0x33 with base 0x23, as on Linux. */
    wrmsr(MSR_STAR, ((uint64_t)USER32_CS << 48) | ((uint64_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    wrmsr(MSR_FMASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_IOPL |
                     X86_EFLAGS_NT | X86_EFLAGS_AC | X86_EFLAGS_RF);
}
