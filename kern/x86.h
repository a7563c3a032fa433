/* Thin wrappers around x86-64 instructions the C code needs. */
#ifndef KERN_X86_H
#define KERN_X86_H

#include "kern/types.h"

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}
#define CPUID1_ECX_RDRAND   (1U << 30)
/* A hardware random number; false if the CPU had none ready (CF clear). */
static inline bool rdrand64(uint64_t *v)
{
    bool ok;
    __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
    return ok;
}
static inline uint64_t read_cr0(void) { uint64_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr2(void) { uint64_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr3(void) { uint64_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr4(void) { uint64_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void write_cr3(uint64_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void write_cr4(uint64_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
static inline void invlpg(uint64_t va) { __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }

static inline void cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline uint64_t read_rflags(void)
{
    uint64_t f;
    __asm__ volatile("pushfq; popq %0" : "=r"(f));
    return f;
}

static inline void fxsave(void *area) { __asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory"); }
static inline void fxrstor(const void *area) { __asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory"); }

#define MSR_IA32_SYSENTER_CS  0x174
#define MSR_IA32_SYSENTER_ESP 0x175
#define MSR_IA32_SYSENTER_EIP 0x176
#define MSR_EFER            0xC0000080
#define MSR_STAR            0xC0000081
#define MSR_LSTAR           0xC0000082
#define MSR_CSTAR           0xC0000083  /* syscall from 32-bit (compatibility) mode */
#define MSR_FMASK           0xC0000084
#define MSR_FS_BASE         0xC0000100
#define MSR_GS_BASE         0xC0000101
#define MSR_KERNEL_GS_BASE  0xC0000102

/* Floating-point exception flags, the same six bits in the x87 status word and in
   MXCSR; the x87 control word masks them bit for bit, MXCSR 7 bits higher up. */
#define FP_EXC_INVALID      0x01
#define FP_EXC_DENORMAL     0x02
#define FP_EXC_ZERODIV      0x04
#define FP_EXC_OVERFLOW     0x08
#define FP_EXC_UNDERFLOW    0x10
#define FP_EXC_PRECISION    0x20
#define FP_EXC_ALL          0x3f
#define MXCSR_MASK_SHIFT    7

/* RFLAGS bits (Intel SDM vol. 1, 3.4.3; Linux's names) */
#define X86_EFLAGS_CF   0x00000001      /* carry */
#define X86_EFLAGS_PF   0x00000004      /* parity */
#define X86_EFLAGS_AF   0x00000010      /* auxiliary carry */
#define X86_EFLAGS_ZF   0x00000040      /* zero */
#define X86_EFLAGS_SF   0x00000080      /* sign */
#define X86_EFLAGS_TF   0x00000100      /* trap: single-step */
#define X86_EFLAGS_IF   0x00000200      /* interrupts enabled */
#define X86_EFLAGS_DF   0x00000400      /* direction */
#define X86_EFLAGS_OF   0x00000800      /* overflow */
#define X86_EFLAGS_IOPL 0x00003000      /* I/O privilege level (two bits) */
#define X86_EFLAGS_NT   0x00004000      /* nested task */
#define X86_EFLAGS_RF   0x00010000      /* resume: no debug fault on the next instruction */
#define X86_EFLAGS_VM   0x00020000      /* virtual-8086 mode */
#define X86_EFLAGS_AC   0x00040000      /* alignment check */

#endif
