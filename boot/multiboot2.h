/* Multiboot2 constants (Multiboot2 specification, sections 3.1 and 3.6). */
#ifndef BOOT_MULTIBOOT2_H
#define BOOT_MULTIBOOT2_H

#define MB2_HEADER_MAGIC      0xE85250D6   /* in our image, read by GRUB */
#define MB2_BOOTLOADER_MAGIC  0x36D76289   /* in %eax when GRUB jumps to us */
#define MB2_ARCH_I386         0

#define MB2_HEADER_TAG_END    0
#define MB2_HEADER_TAG_ENTRY  3

#define MB2_TAG_END           0
#define MB2_TAG_CMDLINE       1
#define MB2_TAG_MODULE        3
#define MB2_TAG_MMAP          6

#define MB2_MEMORY_AVAILABLE  1

#endif
