/*
 * Deciding whether a file is an executable we can run: a 64-bit little-endian x86-64
 * ELF of type ET_EXEC (static, not position independent) whose segments make sense.
 * Pure code, unit-tested on the host with real and damaged binaries.
 */
#include "kern/elf.h"
#include "kern/memlayout.h"
#include "kern/string.h"
#include "kern/errno.h"

static bool segment_ok(const struct elf64_phdr *ph, size_t size)
{
    if (ph->p_type != PT_LOAD)
        return true;
    if (ph->p_filesz > ph->p_memsz)
        return false;
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
        return false;
    if (ph->p_vaddr >= USER_TOP || ph->p_memsz > USER_TOP - ph->p_vaddr)
        return false;
    /* Nothing is mapped below MMAP_MIN_ADDR, not even by an executable. (Linux's
       mmap of the segment fails with EPERM after exec's point of no return, and the
       process dies with SIGSEGV; refusing the file up front is kinder.) */
    if (ph->p_vaddr < MMAP_MIN_ADDR)
        return false;
    /* File offset and address must agree modulo the page size to be mappable. */
    return (ph->p_offset % 4096) == (ph->p_vaddr % 4096);
}

int elf_check(const uint8_t *image, size_t size)
{
    const struct elf64_ehdr *eh = (const void *)image;
    if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) != 0)
        return -ENOEXEC;
    if (eh->e_ident[4] != 2 || eh->e_ident[5] != 1)     /* ELFCLASS64, ELFDATA2LSB */
        return -ENOEXEC;
    if (eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
        return -ENOEXEC;
    if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
        eh->e_phoff > size || (size - eh->e_phoff) / sizeof(struct elf64_phdr) < eh->e_phnum)
        return -ENOEXEC;
    const struct elf64_phdr *ph = (const void *)(image + eh->e_phoff);
    bool any_load = false;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (!segment_ok(&ph[i], size))
            return -ENOEXEC;
        any_load |= ph[i].p_type == PT_LOAD;
    }
    return any_load ? 0 : -ENOEXEC;
}
