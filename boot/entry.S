/*
 * From GRUB to C.
 *
 * GRUB (multiboot2) enters _start32 in 32-bit protected mode with paging off,
 * %eax = MB2_BOOTLOADER_MAGIC and %ebx = physical address of the boot information.
 * QEMU's -kernel (multiboot 1, how tests boot without GRUB) enters the same way with
 * MB1_BOOTLOADER_MAGIC; kmain's multiboot_parse tells the two apart.
 * Everything here runs at physical addresses until the jump to start64_high, so every
 * absolute reference to a kernel symbol subtracts KERNBASE.
 *
 * Steps: check the CPU can do long mode, build page tables that map the first 1 GiB
 * three times (identity, direct map, kernel image), enable PAE + long mode + paging,
 * far-jump into a 64-bit code segment, jump up to the higher half, call kmain.
 */
#include "boot/multiboot.h"
#include "kern/memlayout.h"
#include "kern/gdt.h"

#define PTE_P   0x1
#define PTE_W   0x2
#define PTE_PS  0x80

/* ---- the multiboot2 header: GRUB looks for it in the first 32 KiB of the file ---- */
        .section .multiboot, "a"
        .align 8
mb2_header:
        .long MB2_HEADER_MAGIC
        .long MB2_ARCH_I386
        .long mb2_header_end - mb2_header
        .long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
        /* entry address tag: we are an ELF64 image linked in the higher half, so tell
           GRUB the physical address to jump to */
        .align 8
        .short MB2_HEADER_TAG_ENTRY, 0
        .long 12
        .long _start32 - KERNBASE
        .align 8
        .short MB2_HEADER_TAG_END, 0
        .long 8
mb2_header_end:

/* ---- the multiboot 1 header, for QEMU's -kernel (first 8 KiB of the file) ----
   QEMU's multiboot loader refuses 64-bit ELF files, so the address fields say where
   the image goes instead: the file from .text to the end of .data is copied to
   physical 1 MiB as it is (boot/kernel.ld keeps the file laid out as memory is), the
   rest up to kernel_end is zeroed (.bss). */
        .align 4
mb1_header:
        .long MB1_HEADER_MAGIC
        .long MB1_HEADER_MEMORY | MB1_HEADER_ADDRESS
        .long -(MB1_HEADER_MAGIC + (MB1_HEADER_MEMORY | MB1_HEADER_ADDRESS))
        .long mb1_header - KERNBASE     /* header_addr: where this header lands */
        .long kernel_start - KERNBASE   /* load_addr */
        .long data_end - KERNBASE       /* load_end_addr */
        .long kernel_end - KERNBASE     /* bss_end_addr */
        .long _start32 - KERNBASE       /* entry_addr */

/* ---- 32-bit entry ---- */
        .section .boot.text, "ax"
        .code32
        .globl _start32
_start32:
        cli
        cld
        movl %eax, (mb_magic - KERNBASE)
        movl %ebx, (mb_info - KERNBASE)
        movl $(boot_stack_top - KERNBASE), %esp

        call apic_virtual_wire

        /* Long mode needs CPUID leaf 0x80000001, EDX bit 29 (LM). */
        movl $0x80000000, %eax
        cpuid
        cmpl $0x80000001, %eax
        jb no_long_mode
        movl $0x80000001, %eax
        cpuid
        testl $(1 << 29), %edx
        jz no_long_mode

        /* boot_pd: 512 two-MiB pages covering physical 0 .. 1 GiB. */
        movl $(boot_pd - KERNBASE), %edi
        xorl %ecx, %ecx
1:      movl %ecx, %eax
        shll $21, %eax
        orl $(PTE_P | PTE_W | PTE_PS), %eax
        movl %eax, (%edi, %ecx, 8)
        incl %ecx
        cmpl $512, %ecx
        jne 1b

        /* The same 1 GiB appears at 0 (identity: we are running there right now),
           at PHYS_MAP_BASE (PML4 slot 256) and at KERNBASE (slot 511, PDPT slot 510). */
        movl $(boot_pd - KERNBASE + PTE_P + PTE_W), %eax
        movl %eax, (boot_pdpt_low - KERNBASE)
        movl %eax, (boot_pdpt_high - KERNBASE + 510 * 8)
        movl $(boot_pdpt_low - KERNBASE + PTE_P + PTE_W), %eax
        movl %eax, (boot_pml4 - KERNBASE)
        movl %eax, (boot_pml4 - KERNBASE + 256 * 8)
        movl $(boot_pdpt_high - KERNBASE + PTE_P + PTE_W), %eax
        movl %eax, (boot_pml4 - KERNBASE + 511 * 8)

        /* CR4.PAE, then CR3, then EFER.LME (+SCE for syscall, +NXE for no-execute),
           then CR0.PG (+WP so the kernel honours read-only pages). */
        movl %cr4, %eax
        orl $(1 << 5), %eax
        movl %eax, %cr4
        movl $(boot_pml4 - KERNBASE), %eax
        movl %eax, %cr3
        movl $0xC0000080, %ecx
        rdmsr
        orl $((1 << 8) | (1 << 11) | (1 << 0)), %eax
        wrmsr
        movl %cr0, %eax
        orl $((1 << 31) | (1 << 16)), %eax
        movl %eax, %cr0

        lgdt (gdt_ptr32 - KERNBASE)
        ljmp $KERNEL_CS, $(start64_low - KERNBASE)

/*
 * The kernel takes its interrupts from the 8259A PIC (kern/trap/pic.c), whose output
 * reaches the CPU through the local APIC's LINT0 pin only if LINT0 is set to pass it
 * on ("virtual wire mode", Intel MP spec 3.6.2.2). SeaBIOS does that, QEMU's small
 * qboot firmware (the tests' direct boot) does not, and the APIC masks LINT0 at
 * reset; so set it here, while paging is off and the APIC's registers are plain
 * physical addresses: software-enable the APIC (an enabled APIC is the only one whose
 * LVT entries can be unmasked), LINT0 = ExtINT, LINT1 = NMI, as SeaBIOS does.
 */
#define APIC_BASE_MSR   0x1b
#define APIC_SVR        0xf0
#define APIC_LVT_LINT0  0x350
#define APIC_LVT_LINT1  0x360
apic_virtual_wire:
        movl $1, %eax                   /* no local APIC (CPUID.1:EDX bit 9): nothing to do */
        cpuid
        testl $(1 << 9), %edx
        jz 1f
        movl $APIC_BASE_MSR, %ecx
        rdmsr
        andl $0xfffff000, %eax          /* the registers' physical address */
        orl $0x100, APIC_SVR(%eax)      /* APIC software enable */
        movl $0x8700, APIC_LVT_LINT0(%eax)     /* ExtINT, level-triggered */
        movl $0x8400, APIC_LVT_LINT1(%eax)     /* NMI */
1:      ret

/* No long mode: say so on COM1 and stop. */
no_long_mode:
        movl $(msg_no_lm - KERNBASE), %esi
2:      movb (%esi), %al
        testb %al, %al
        jz 3f
        movw $0x3f8, %dx
        outb %al, %dx
        incl %esi
        jmp 2b
3:      hlt
        jmp 3b

        .code64
start64_low:
        movabsq $start64_high, %rax
        jmp *%rax

        .text
start64_high:
        lgdt gdt_ptr64
        movw $KERNEL_DS, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %ss
        xorw %ax, %ax
        movw %ax, %fs
        movw %ax, %gs
        movabsq $boot_stack_top, %rsp
        xorl %ebp, %ebp                 /* ends the frame-pointer backtrace */
        movl mb_magic(%rip), %edi
        movl mb_info(%rip), %esi
        call kmain
4:      cli
        hlt
        jmp 4b

/* ---- data ---- */
        .section .rodata
msg_no_lm:
        .asciz "siglab: this CPU cannot run 64-bit code (no long mode); stopping\r\n"

        .data
        .align 16
        /* The GDT; gdt_init() fills in the TSS descriptor (slots 8 and 9). */
        .globl gdt
gdt:
        .quad 0                         /* 0x00 null */
        .quad 0x00cf9a000000ffff        /* 0x08 kernel code, 32-bit (unused) */
        .quad 0x00af9a000000ffff        /* 0x10 KERNEL_CS: 64-bit code, DPL 0 */
        .quad 0x00cf92000000ffff        /* 0x18 KERNEL_DS */
        .quad 0x00cffa000000ffff        /* 0x20 user code, 32-bit (unused, keeps Linux's numbers) */
        .quad 0x00cff2000000ffff        /* 0x28 USER_DS, DPL 3 */
        .quad 0x00affa000000ffff        /* 0x30 USER_CS: 64-bit code, DPL 3 */
        .quad 0                         /* 0x38 unused */
        .quad 0, 0                      /* 0x40 TSS (16 bytes in long mode) */
gdt_end:
        .globl gdt_ptr64
gdt_ptr32:
        .short gdt_end - gdt - 1
        .long gdt - KERNBASE
        .align 8
gdt_ptr64:
        .short gdt_end - gdt - 1
        .quad gdt

mb_magic: .long 0
mb_info:  .long 0

        .align 4096
boot_pml4:      .fill 512, 8, 0
        .globl boot_pml4
boot_pdpt_low:  .fill 512, 8, 0
boot_pdpt_high: .fill 512, 8, 0
boot_pd:        .fill 512, 8, 0

        .bss
        .align 16
boot_stack:
        .skip 16384
        .globl boot_stack_top
boot_stack_top:
