/*
 * Segment selectors, laid out exactly as Linux x86-64 does so that the cs/ss values a
 * signal frame records (0x33 / 0x2b) are the same numbers a student sees on Linux.
 * syscall/sysret impose the order: sysret takes its selectors from STAR[63:48], the
 * "SYSRET base", which is USER32_CS (0x23, RPL 3 included): user ss = base+8 = 0x2b
 * and user cs = base+16 = 0x33 (kern/trap/idt.c syscall_init writes STAR).
 */
#ifndef KERN_GDT_H
#define KERN_GDT_H

#define KERNEL_CS   0x10
#define KERNEL_DS   0x18
#define USER32_CS   0x23
#define USER_DS     0x2b
#define USER_CS     0x33
#define TSS_SEL     0x40

#endif
