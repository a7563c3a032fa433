/*
 * Deciding whether a file is an executable we can run: an x86-64 ELF of type ET_EXEC
 * (static, not position independent) whose segments make sense. Linux splits the
 * checks at execve's point of no return, and so do we: what the header says is
 * checked while the old program still exists (execve fails with ENOEXEC); whether the
 * segments can be mapped only shows once it is gone (the new program dies).
 * Pure code, unit-tested on the host with real and damaged binaries.
 */
#include "kern/elf.h"
#include "kern/memlayout.h"
#include "kern/string.h"
#include "kern/errno.h"

int elf_check_header(const struct elf64_ehdr *eh, uint64_t file_size)
{
    /* Like Linux's load_elf_binary, the class and byte-order bytes are not looked at:
       e_machine EM_X86_64 is what makes it ours. */
    if (file_size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) != 0)
        return -ENOEXEC;
    if (eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
        return -ENOEXEC;
    uint64_t table = (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr);
    if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
        table > ELF_PHDRS_MAX)
        return -ENOEXEC;
    if (eh->e_phoff > file_size || table > file_size - eh->e_phoff)
        return -ENOEXEC;
    return 0;
}

static enum elf_verdict segment_verdict(const struct elf64_phdr *ph, uint64_t file_size)
{
    if (ph->p_filesz > ph->p_memsz)
        return ELF_BAD_SEGMENT;
    if (ph->p_vaddr >= USER_TOP || ph->p_memsz > USER_TOP - ph->p_vaddr)
        return ELF_BAD_SEGMENT;
    /* Nothing is mapped below MMAP_MIN_ADDR, not even by an executable (Linux lets
       CAP_SYS_RAWIO map there; siglab lets no one). */
    if (ph->p_vaddr < MMAP_MIN_ADDR)
        return ELF_BAD_SEGMENT;
    /* File offset and address must agree modulo the page size to be mappable. */
    if (ph->p_offset % 4096 != ph->p_vaddr % 4096)
        return ELF_BAD_SEGMENT;
    if (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
        return ELF_PAST_EOF;
    return ELF_LOADABLE;
}

enum elf_verdict elf_check_segments(const struct elf64_ehdr *eh, const struct elf64_phdr *ph,
                                    uint64_t file_size, uint64_t ram_bytes)
{
    uint64_t writable = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        enum elf_verdict v = segment_verdict(&ph[i], file_size);
        if (v != ELF_LOADABLE)
            return v;
        if (ph[i].p_flags & PF_W)
            writable += ph[i].p_memsz;
    }
    /* Linux's overcommit heuristic refuses private writable memory beyond all of RAM
       (kern/sys_mem.c enough_memory). */
    if (writable > ram_bytes)
        return ELF_BAD_SEGMENT;
    /* Returning to a non-canonical or kernel rip would fault in the kernel, not in
       the program (sysret's #GP comes in ring 0). */
    return eh->e_entry < USER_TOP ? ELF_LOADABLE : ELF_BAD_SEGMENT;
}

int elf_check(const uint8_t *image, size_t size)
{
    const struct elf64_ehdr *eh = (const void *)image;
    int err = elf_check_header(eh, size);
    if (err)
        return err;
    const struct elf64_phdr *ph = (const void *)(image + eh->e_phoff);
    return elf_check_segments(eh, ph, size, ~0UL) == ELF_LOADABLE ? 0 : -ENOEXEC;
}
