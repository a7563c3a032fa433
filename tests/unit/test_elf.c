// sources: kern/elf.c
/* exec accepts static x86-64 executables and refuses everything else: elf_check is
   ENOEXEC for a bad header or segment (execve tells those apart: a bad segment kills the
   new program, as on Linux). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/unit/check.h"
#include "kern/elf.h"
#include "kern/errno.h"

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static unsigned char buf[4 << 20];
    *len = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    return buf;
}

int main(void)
{
    size_t len;
    /* A real static musl binary, built by make before the tests run. */
    unsigned char *img = slurp("build/user/hello", &len);
    CHECK(img != NULL);
    if (!img)
        return check_summary();
    CHECK_EQ(elf_check(img, len), 0);

    static unsigned char bad[4 << 20];
    struct elf64_ehdr *eh = (struct elf64_ehdr *)bad;

#define DAMAGED(what)                                   \
    do {                                                \
        memcpy(bad, img, len);                          \
        what;                                           \
        CHECK_EQ(elf_check(bad, len), -ENOEXEC);        \
    } while (0)

    DAMAGED(bad[0] = 0);                                /* not ELF */
    /* (EI_CLASS is not checked, as on Linux: e_machine decides.) */
    DAMAGED(eh->e_type = 3 /* ET_DYN */);                       /* PIE or shared object */
    DAMAGED(eh->e_machine = 183 /* EM_AARCH64 */);
    DAMAGED(eh->e_phoff = len);                         /* headers past the end */
    DAMAGED(eh->e_phnum = 0xffff);
    struct elf64_phdr *ph = (struct elf64_phdr *)(bad + ((struct elf64_ehdr *)img)->e_phoff);
    int load = 0;
    while (((struct elf64_phdr *)(img + ((struct elf64_ehdr *)img)->e_phoff))[load].p_type != PT_LOAD)
        load++;
    DAMAGED(ph[load].p_filesz = len * 2);               /* segment past the end */
    DAMAGED(ph[load].p_vaddr = 0xffff800000000000UL);   /* kernel address */
    DAMAGED(ph[load].p_vaddr = ph[load].p_offset % 4096);   /* page 0 (MMAP_MIN_ADDR) */
    DAMAGED(ph[load].p_memsz = ph[load].p_filesz - 1);  /* memsz < filesz */
    CHECK_EQ(elf_check(img, 10), -ENOEXEC);             /* truncated */
    DAMAGED(eh->e_entry = 0xffffffff80100000UL);        /* entry point in the kernel */
    DAMAGED(eh->e_phnum = 4096 / sizeof(struct elf64_phdr) + 1);   /* table over a page */

    /* Which side of the point of no return: the header, or the segments. */
    memcpy(bad, img, len);
    ph[load].p_offset = (len | 0xfff) + 1 + ph[load].p_vaddr % 4096;     /* past the end */
    CHECK_EQ(elf_check_header(eh, len), 0);
    CHECK_EQ(elf_check_segments(eh, ph, len, ~0UL), ELF_PAST_EOF);
    memcpy(bad, img, len);
    ph[load].p_vaddr += 8;
    CHECK_EQ(elf_check_segments(eh, ph, len, ~0UL), ELF_BAD_SEGMENT);
    memcpy(bad, img, len);
    CHECK_EQ(elf_check_segments(eh, ph, len, 16), ELF_BAD_SEGMENT);  /* more than "RAM" */
    return check_summary();
}
