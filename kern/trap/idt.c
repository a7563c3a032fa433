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
    /* Ring 3 may raise only the vectors Linux lets it raise with an int instruction
       (arch/x86/kernel/idt.c: int3 and into). Any other `int $n` from user mode is a
       #GP with error code n*8+2, and so SIGSEGV, as on Linux. Vector 0x80 stays DPL 0:
       siglab has no 32-bit system calls (a Linux kernel without IA32 emulation). */
    set_gate(T_BRKPT, 1, 0);    /* int3 from user mode becomes SIGTRAP */
    set_gate(T_OFLOW, 1, 0);    /* `int $4` becomes SIGSEGV with trapno 4 */
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
    extern char syscall_entry[], compat_syscall_entry[];
    /* STAR[47:32]: kernel cs (ss = cs + 8). STAR[63:48]: sysret base; user ss = base + 8,
       user cs = base + 16 -> 0x2b and 0x33 with base 0x23, as on Linux. */
    wrmsr(MSR_STAR, ((uint64_t)USER32_CS << 48) | ((uint64_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    /* `syscall` in 32-bit compatibility mode (a program can far-return to USER32_CS)
       enters at CSTAR, still on the user's stack and page tables. Left at 0 it would
       run whatever the user mapped at address 0 in ring 0. siglab has no 32-bit
       system calls: CSTAR's entry only answers -ENOSYS (as Linux's does without
       CONFIG_IA32_EMULATION). */
    wrmsr(MSR_CSTAR, (uint64_t)compat_syscall_entry);
    /* sysenter: CS 0 makes it #GP on CPUs that allow it in long mode (Intel); AMD's
       raise #UD there. Either way it becomes a signal, never a kernel entry. */
    wrmsr(MSR_IA32_SYSENTER_CS, 0);
    wrmsr(MSR_IA32_SYSENTER_ESP, 0);
    wrmsr(MSR_IA32_SYSENTER_EIP, 0);
    /* Flags cleared on entry: IF (no interrupt before the stack switch), TF (no
       single-step trap in the kernel), DF (the kernel's string copies go up), AC (no
       SMAP bypass), NT (iretq in the kernel would fault), IOPL and RF. */
    wrmsr(MSR_FMASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_IOPL |
                     X86_EFLAGS_NT | X86_EFLAGS_AC | X86_EFLAGS_RF);
}
