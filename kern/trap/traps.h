#ifndef KERN_TRAP_TRAPS_H
#define KERN_TRAP_TRAPS_H

#include "kern/types.h"
#include "kern/trap/trapframe.h"

/* Exception vectors (Intel SDM vol. 3, table 6-1). */
#define T_DIVIDE    0
#define T_DEBUG     1
#define T_NMI       2
#define T_BRKPT     3
#define T_OFLOW     4
#define T_BOUND     5
#define T_ILLOP     6
#define T_DEVICE    7
#define T_DBLFLT    8
#define T_TSS       10
#define T_SEGNP     11
#define T_STACK     12
#define T_GPFLT     13
#define T_PGFLT     14
#define T_FPERR     16
#define T_ALIGN     17
#define T_MCHK      18
#define T_SIMDERR   19

#define IRQ0        32      /* the PIC is remapped so IRQ n arrives on vector 32 + n */
#define IRQ_TIMER   0

/* Page-fault error code bits. */
#define PF_PROT     0x1     /* 1: protection violation, 0: page not present */
#define PF_WRITE    0x2
#define PF_USER     0x4
#define PF_INSTR    0x10

void gdt_init(void);
void tss_set_rsp0(uint64_t rsp0);
void idt_init(void);
void syscall_init(void);
void pic_init(void);
void pic_eoi(int irq);

void trap(struct trapframe *tf);
int syscall_dispatch(struct trapframe *tf);
int prepare_exit_to_user(struct trapframe *tf);

/* umip_x86_64.c: a #GP from sgdt, sidt, sldt, str or smsw in user mode, emulated. */
bool fixup_umip_exception(struct trapframe *tf);

#endif
