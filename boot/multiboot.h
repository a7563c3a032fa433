/* Multiboot2 constants (Multiboot2 specification, sections 3.1 and 3.6), and the few
   of Multiboot 1 that QEMU's -kernel needs. */
#ifndef BOOT_MULTIBOOT_H
#define BOOT_MULTIBOOT_H

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

/* Multiboot 1 (Multiboot specification 0.6.96, sections 3.1 and 3.3): QEMU's own
   -kernel loader speaks only this version, so the image carries both headers. */
#define MB1_HEADER_MAGIC      0x1BADB002   /* in our image, read by QEMU -kernel */
#define MB1_BOOTLOADER_MAGIC  0x2BADB002   /* in %eax when the loader jumps to us */
#define MB1_HEADER_MEMORY     (1 << 1)     /* we want the memory map */
#define MB1_HEADER_ADDRESS    (1 << 16)    /* load by the header's addresses, not as ELF */

#define MB1_INFO_CMDLINE      (1 << 2)
#define MB1_INFO_MODS         (1 << 3)
#define MB1_INFO_MMAP         (1 << 6)

#endif
