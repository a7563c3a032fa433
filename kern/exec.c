/*
 * execve: replace a process's program with a static ELF executable from the initrd.
 *
 * Everything that can fail happens while the old program is still intact: we copy
 * the arguments into the kernel, build the new address space beside the old one, and
 * only then switch over. The new stack is laid out as the x86-64 ABI (section 3.4.1)
 * and Linux's binfmt_elf do, so musl's _start finds argc, argv, envp and the
 * auxiliary vector where it expects them:
 *
 *     USER_STACK_TOP -> +---------------------------+
 *                       | argument/env strings,     |
 *                       | the exec path, "x86_64",  |
 *                       | 16 random bytes           |
 *                       +---------------------------+ (16-byte aligned)
 *                       | auxv pairs ... AT_NULL    |
 *                       | NULL, envp[envc-1] .. [0] |
 *                       | NULL, argv[argc-1] .. [0] |
 *     rsp ------------> | argc                      |  rsp % 16 == 0
 */
#include "kern/exec.h"
#include "kern/random.h"
#include "kern/elf.h"
#include "kern/fs.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/memlayout.h"
#include "kern/uaccess.h"
#include "kern/pmm.h"
#include "kern/gdt.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/x86.h"
#include "kern/signal/frame_x86_64.h"

/* One buffer is enough: the kernel is never preempted, and exec never sleeps. */
static struct exec_args args_buffer;

static int args_add(struct exec_args *a, const char *s, size_t len)
{
    if (a->used + len + 1 > ARG_MAX)
        return -E2BIG;
    memcpy(a->buf + a->used, s, len);
    a->buf[a->used + len] = 0;
    a->used += len + 1;
    return 0;
}

struct exec_args *exec_args_from_kernel(char *const argv[], char *const envp[])
{
    struct exec_args *a = &args_buffer;
    a->argc = a->envc = 0;
    a->used = 0;
    for (; argv[a->argc]; a->argc++)
        if (args_add(a, argv[a->argc], strlen(argv[a->argc])) < 0)
            return 0;
    for (; envp[a->envc]; a->envc++)
        if (args_add(a, envp[a->envc], strlen(envp[a->envc])) < 0)
            return 0;
    return a;
}

/* Copy a NULL-terminated user array of strings (argv or envp); a NULL array is empty. */
static long copy_strings(struct exec_args *a, uint64_t uarray, int *count)
{
    for (*count = 0; uarray; (*count)++) {
        uint64_t ustr;
        if (copy_from_user(&ustr, uarray + *count * 8, 8) < 0)
            return -EFAULT;
        if (!ustr)
            return 0;
        long len = strncpy_from_user(a->buf + a->used, ustr, ARG_MAX - a->used);
        if (len == -ENAMETOOLONG)
            return -E2BIG;
        if (len < 0)
            return len;
        a->used += len + 1;
    }
    return 0;
}

static long exec_args_from_user(struct exec_args *a, uint64_t uargv, uint64_t uenvp)
{
    a->used = 0;
    long err = copy_strings(a, uargv, &a->argc);
    if (!err)
        err = copy_strings(a, uenvp, &a->envc);
    return err;
}

static uint32_t segment_prot(uint32_t p_flags)
{
    return ((p_flags & PF_R) ? PROT_READ : 0) | ((p_flags & PF_W) ? PROT_WRITE : 0) |
           ((p_flags & PF_X) ? PROT_EXEC : 0);
}

/* Map one PT_LOAD segment: file bytes, then zeros up to p_memsz (the bss). */
static int load_segment(struct mm *mm, const uint8_t *image, const struct elf64_phdr *ph)
{
    uint64_t start = ROUND_DOWN(ph->p_vaddr, PAGE_SIZE);
    uint64_t end = ROUND_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
    uint32_t prot = segment_prot(ph->p_flags);
    /* Segments may share a boundary page with the previous one; the area starts after it. */
    struct vma *prev = vma_find(mm, start);
    uint64_t vstart = prev ? prev->end : start;
    if (vstart < end && vma_add(mm, vstart, end, prot, VMA_ELF) < 0)
        return -ENOEXEC;
    for (uint64_t va = start; va < end; va += PAGE_SIZE) {
        uint8_t *page = mm_user_ptr(mm, va, false);     /* allocates the page */
        if (!page)
            return -ENOMEM;
        /* Copy the part of the file that lands in this page. */
        uint64_t lo = MAX(va, ph->p_vaddr), hi = MIN(va + PAGE_SIZE, ph->p_vaddr + ph->p_filesz);
        if (lo < hi)
            memcpy(page + (lo - va), image + ph->p_offset + (lo - ph->p_vaddr), hi - lo);
    }
    return 0;
}

/* Auxiliary vector types (include/uapi/linux/auxvec.h). */
#define AT_NULL     0
#define AT_PHDR     3
#define AT_PHENT    4
#define AT_PHNUM    5
#define AT_PAGESZ   6
#define AT_ENTRY    9
#define AT_UID      11
#define AT_EUID     12
#define AT_GID      13
#define AT_EGID     14
#define AT_PLATFORM 15
#define AT_CLKTCK   17
#define AT_SECURE   23
#define AT_RANDOM   25
#define AT_EXECFN   31

struct stack_builder {
    struct mm *mm;
    uint64_t sp;
    int err;
};

static uint64_t push_bytes(struct stack_builder *sb, const void *data, size_t n)
{
    sb->sp -= n;
    if (!sb->err && copy_to_mm(sb->mm, sb->sp, data, n) < 0)
        sb->err = -ENOMEM;
    return sb->sp;
}

static void put_word(struct stack_builder *sb, uint64_t addr, uint64_t value)
{
    if (!sb->err && copy_to_mm(sb->mm, addr, &value, 8) < 0)
        sb->err = -ENOMEM;
}

/* Store count pointers to consecutive strings starting at *s, then a NULL. */
static uint64_t put_pointers(struct stack_builder *sb, uint64_t w, uint64_t *s,
                             uint64_t strings, const char *kstrings, int count)
{
    for (int i = 0; i < count; i++, w += 8) {
        put_word(sb, w, *s);
        *s += strlen(kstrings + (*s - strings)) + 1;
    }
    put_word(sb, w, 0);
    return w + 8;
}

/* The address of the program headers once loaded: inside the first segment that
   covers file offset e_phoff. */
static uint64_t phdr_address(const uint8_t *image)
{
    const struct elf64_ehdr *eh = (const void *)image;
    const struct elf64_phdr *ph = (const void *)(image + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_PHDR)
            return ph[i].p_vaddr;
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff &&
            eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
            return ph[i].p_vaddr + (eh->e_phoff - ph[i].p_offset);
    return 0;
}

static int build_stack(struct mm *mm, const uint8_t *image, const char *path,
                       const struct exec_args *a, uint64_t *rsp)
{
    const struct elf64_ehdr *eh = (const void *)image;
    struct stack_builder sb = { mm, USER_STACK_TOP, 0 };

    uint64_t strings = push_bytes(&sb, a->buf, a->used);
    uint64_t execfn = push_bytes(&sb, path, strlen(path) + 1);
    uint64_t platform = push_bytes(&sb, "x86_64", 7);
    uint8_t rnd[16];
    random_fill(rnd, sizeof(rnd));
    uint64_t random = push_bytes(&sb, rnd, sizeof(rnd));

    uint64_t auxv[][2] = {
        { AT_PHDR, phdr_address(image) }, { AT_PHENT, sizeof(struct elf64_phdr) },
        { AT_PHNUM, eh->e_phnum }, { AT_PAGESZ, PAGE_SIZE }, { AT_ENTRY, eh->e_entry },
        { AT_UID, 0 }, { AT_EUID, 0 }, { AT_GID, 0 }, { AT_EGID, 0 }, { AT_SECURE, 0 },
        { AT_CLKTCK, 100 }, { AT_PLATFORM, platform }, { AT_RANDOM, random },
        { AT_EXECFN, execfn }, { AT_NULL, 0 },
    };
    size_t words = 1 + (a->argc + 1) + (a->envc + 1) + 2 * ARRAY_SIZE(auxv);
    sb.sp = ROUND_DOWN(sb.sp - words * 8, 16);
    uint64_t w = sb.sp;

    put_word(&sb, w, a->argc);
    w += 8;
    uint64_t s = strings;
    w = put_pointers(&sb, w, &s, strings, a->buf, a->argc);    /* argv */
    w = put_pointers(&sb, w, &s, strings, a->buf, a->envc);    /* envp */
    for (size_t i = 0; i < ARRAY_SIZE(auxv); i++, w += 16) {
        put_word(&sb, w, auxv[i][0]);
        put_word(&sb, w + 8, auxv[i][1]);
    }
    *rsp = sb.sp;
    return sb.err;
}

/* The signal trampoline page (kern/signal/trampoline.S) at its fixed address, read and
   execute only, shared by every process. */
static int map_trampoline(struct mm *mm)
{
    extern char trampoline_start[];
    int err = vma_add(mm, TRAMPOLINE_ADDR, TRAMPOLINE_ADDR + PAGE_SIZE, PROT_READ | PROT_EXEC,
                      VMA_TRAMPOLINE);
    return err ? err : mm_map_shared_page(mm, TRAMPOLINE_ADDR, KV2P(trampoline_start),
                                          PROT_READ | PROT_EXEC);
}

static int load_program(struct mm *mm, const struct inode *ip)
{
    const struct elf64_ehdr *eh = (const void *)ip->data;
    const struct elf64_phdr *ph = (const void *)(ip->data + eh->e_phoff);
    uint64_t highest = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        int err = load_segment(mm, ip->data, &ph[i]);
        if (err)
            return err;
        highest = MAX(highest, ph[i].p_vaddr + ph[i].p_memsz);
    }
    mm->brk_start = mm->brk = ROUND_UP(highest, PAGE_SIZE);
    int err = vma_add(mm, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_TOP,
                      PROT_READ | PROT_WRITE, VMA_STACK);
    return err ? err : map_trampoline(mm);
}

static const char *basename(const char *path)
{
    const char *slash = 0;
    for (const char *s = path; *s; s++)
        if (*s == '/')
            slash = s;
    return slash ? slash + 1 : path;
}

/* Switch p over to the new address space and a fresh register state. */
static void commit_exec(struct proc *p, struct mm *mm, uint64_t entry, uint64_t rsp,
                        const char *path)
{
    /* The old address space may be a vfork parent's: let go of it rather than free
       it, and wake the parent (Linux exec_mmap, mm_release). */
    struct mm *old = p->mm;
    if (p == current())
        vm_switch(mm);
    p->mm = mm;
    if (old) {
        mm_release(p, old, false);
        mmput(old);
    }
    p->self_exec_id++;

    memset(p->tf, 0, sizeof(*p->tf));
    p->tf->rip = entry;
    p->tf->rsp = rsp;
    p->tf->rflags = X86_EFLAGS_IF;
    p->tf->cs = USER_CS;
    p->tf->ss = USER_DS;
    p->tf->orig_rax = -1;

    p->fs_base = p->gs_base = 0;
    proc_reset_fpu(p);
    if (p == current()) {
        wrmsr(MSR_FS_BASE, 0);
        wrmsr(MSR_KERNEL_GS_BASE, 0);
        fxrstor(p->fpu);
    }
    fd_close_on_exec(p);
    signal_exec(p);
    cred_exec(&p->cred);
    strlcpy(p->name, basename(path), sizeof(p->name));
    p->did_exec = true;
}

int exec_into(struct proc *p, const char *path, struct exec_args *a)
{
    const struct inode *ip = fs_lookup(path);
    if (!ip)
        return fs_is_dir(path) ? -EACCES : -ENOENT;
    if ((ip->mode & S_IFMT) != S_IFREG || !(ip->mode & 0111))
        return -EACCES;
    int err = elf_check(ip->data, ip->size);
    if (err)
        return err;

    struct mm *mm = mm_alloc();
    if (!mm)
        return -ENOMEM;
    uint64_t rsp;
    err = load_program(mm, ip);
    if (!err)
        err = build_stack(mm, ip->data, path, a, &rsp);
    if (err) {
        mmput(mm);
        return err;
    }
    commit_exec(p, mm, ((const struct elf64_ehdr *)ip->data)->e_entry, rsp, path);
    p->exe = ip;
    return 0;
}

long sys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp)
{
    char name[PATH_MAX], path[PATH_MAX];
    long err = strncpy_from_user(name, upath, sizeof(name));
    if (err < 0)
        return err;
    err = fs_resolve(name, path);
    if (err < 0)
        return err;
    err = exec_args_from_user(&args_buffer, uargv, uenvp);
    if (err < 0)
        return err;
    return exec_into(current(), path, &args_buffer);
}
