/* ELF64 structures (System V ABI, x86-64 supplement) and the checks exec applies. */
#ifndef KERN_ELF_H
#define KERN_ELF_H

#include "kern/types.h"

#define ET_EXEC     2
#define EM_X86_64   62
#define PT_LOAD     1
#define PT_INTERP   3
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

/* The program header table must fit in one page (Linux: ELF_MIN_ALIGN). */
#define ELF_PHDRS_MAX   4096

/* Before execve's point of no return: 0 if the loader takes the file at all (the magic
   number, ET_EXEC, x86-64, a program header table of sane size inside the file), else
   -ENOEXEC, and the old program carries on. */
int elf_check_header(const struct elf64_ehdr *eh, uint64_t file_size);

/* After it, whether each PT_LOAD segment can be mapped. Linux finds out only once the
   old program is gone, so the new one dies: */
enum elf_verdict {
    ELF_LOADABLE,
    ELF_BAD_SEGMENT,        /* SIGSEGV: outside user space, misaligned, filesz > memsz,
                               more than all of RAM, or an entry point outside user space */
    ELF_PAST_EOF,           /* SIGBUS: file bytes past the end of the file */
};
enum elf_verdict elf_check_segments(const struct elf64_ehdr *eh, const struct elf64_phdr *ph,
                                    uint64_t file_size, uint64_t ram_bytes);

/* Both, for a whole file in memory (the unit test's view): 0, or -ENOEXEC for either. */
int elf_check(const uint8_t *image, size_t size);

#endif
