/* ELF64 structures (System V ABI, x86-64 supplement) and the checks exec applies. */
#ifndef KERN_ELF_H
#define KERN_ELF_H

#include "kern/types.h"

#define ET_EXEC     2
#define EM_X86_64   62
#define PT_LOAD     1
#define PT_PHDR     6
#define PF_X        1
#define PF_W        2
#define PF_R        4

struct elf64_ehdr {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* 0 if image is a static x86-64 executable we can load, else -ENOEXEC.
   Checks every PT_LOAD segment lies inside the file and in user space. */
int elf_check(const uint8_t *image, size_t size);

#endif
