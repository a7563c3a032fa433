/*
 * Segment selectors, laid out exactly as Linux x86-64 does so that the cs/ss values a
 * signal frame records (0x33 / 0x2b) are the same numbers a student sees on Linux.
 * syscall/sysret impose the order: STAR.SYSRET_CS_BASE = 0x20 gives user cs = base+16
 * and user ss = base+8 (both with RPL 3).
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
