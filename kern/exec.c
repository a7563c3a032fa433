/*
 * execve: replace a process's program with a static ELF executable (from the initrd or
 * /tmp, kern/exec_file.c), or run a "#!" script's interpreter on it.
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
#include "kern/exec_file.h"
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
#include "kern/syscall.h"

#define NR_execve 59

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

/*
 * Map one PT_LOAD segment as Linux's elf_map would map the file: its pages, from the
 * page holding p_vaddr, hold the file's bytes at the matching offsets (so a page shared
 * with the previous segment keeps that segment's bytes too, and takes this one's
 * protection, as MAP_FIXED would give it); the bss after p_filesz is zeros. Pages
 * past the file's part are left to demand paging: a huge bss costs nothing until used.
 */
static int load_segment(struct mm *mm, const struct exec_file *xf, const struct elf64_phdr *ph)
{
    uint64_t start = ROUND_DOWN(ph->p_vaddr, PAGE_SIZE);
    uint64_t end = ROUND_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
    uint64_t file_end = ph->p_vaddr + ph->p_filesz;     /* the bss starts here */
    if (vma_remove(mm, start, end) < 0 ||
        vma_add(mm, start, end, segment_prot(ph->p_flags), VMA_ELF) < 0)
        return -ENOMEM;
    uint64_t offset = ph->p_offset - (ph->p_vaddr - start);     /* file offset of start */
    for (uint64_t va = start; va < ROUND_UP(file_end, PAGE_SIZE); va += PAGE_SIZE) {
        uint8_t *page = mm_user_ptr(mm, va, false);     /* allocates the page */
        if (!page)
            return -ENOMEM;
        size_t got = exec_file_read(xf, offset + (va - start), page, PAGE_SIZE);
        memset(page + got, 0, PAGE_SIZE - got);
        if (ph->p_memsz > ph->p_filesz && file_end < va + PAGE_SIZE)
            memset(page + (file_end - va), 0, va + PAGE_SIZE - file_end);
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
static uint64_t phdr_address(const struct elf64_ehdr *eh, const struct elf64_phdr *ph)
{
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_PHDR)
            return ph[i].p_vaddr;
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff &&
            eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
            return ph[i].p_vaddr + (eh->e_phoff - ph[i].p_offset);
    return 0;
}

static int build_stack(struct mm *mm, const struct cred *cred, const struct elf64_ehdr *eh,
                       const struct elf64_phdr *ph, const char *path,
                       const struct exec_args *a, uint64_t *rsp)
{
    struct stack_builder sb = { mm, USER_STACK_TOP, 0 };

    uint64_t strings = push_bytes(&sb, a->buf, a->used);
    uint64_t execfn = push_bytes(&sb, path, strlen(path) + 1);
    uint64_t platform = push_bytes(&sb, "x86_64", 7);
    uint8_t rnd[16];
    random_fill(rnd, sizeof(rnd));
    uint64_t random = push_bytes(&sb, rnd, sizeof(rnd));

    uint64_t auxv[][2] = {
        { AT_PHDR, phdr_address(eh, ph) }, { AT_PHENT, sizeof(struct elf64_phdr) },
        { AT_PHNUM, eh->e_phnum }, { AT_PAGESZ, PAGE_SIZE }, { AT_ENTRY, eh->e_entry },
        { AT_UID, cred->uid.real }, { AT_EUID, cred->uid.eff }, { AT_GID, cred->gid.real },
        { AT_EGID, cred->gid.eff }, { AT_SECURE, 0 },
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

/* Linux's setup_arg_pages: the new stack area holds the arguments and 128 KiB more
   (stack_expand), as far as RLIMIT_STACK allows; below that it grows when touched. */
#define STACK_EXPAND (128 * 1024)

/* What build_stack writes, at most: the strings, the exec path, "x86_64", AT_RANDOM's
   bytes, alignment, then argc, argv, envp and up to 16 auxv pairs. */
static uint64_t stack_bytes(const struct exec_args *a, const char *execfn)
{
    return a->used + strlen(execfn) + 1 + 7 + 16 + 16 + (3 + a->argc + a->envc + 32) * 8;
}

/* The stack and the trampoline page: what every new program gets. mmap_base follows
   from the stack's limit (kern/mmap_layout.c). */
static int map_stack(struct mm *mm, uint64_t stack_limit, uint64_t args_bytes)
{
    uint64_t args = ROUND_UP(args_bytes, PAGE_SIZE);
    uint64_t size = args + STACK_EXPAND;
    if (size > stack_limit)
        size = MAX(args, ROUND_DOWN(stack_limit, PAGE_SIZE));
    vma_set_mmap_base(mm, stack_limit);
    int err = vma_add(mm, USER_STACK_TOP - size, USER_STACK_TOP, PROT_READ | PROT_WRITE,
                      VMA_STACK);
    return err ? err : map_trampoline(mm);
}

static int load_program(struct mm *mm, const struct exec_file *xf, const struct elf64_ehdr *eh,
                        const struct elf64_phdr *ph, uint64_t stack_limit, uint64_t args_bytes)
{
    uint64_t highest = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        int err = load_segment(mm, xf, &ph[i]);
        if (err)
            return err;
        highest = MAX(highest, ph[i].p_vaddr + ph[i].p_memsz);
    }
    mm->brk_start = mm->brk = ROUND_UP(highest, PAGE_SIZE);
    return map_stack(mm, stack_limit, args_bytes);
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
    if (old)
        cputime_note_rss(p);
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

/* The ELF header and program headers of the file being executed (exec never sleeps
   and there is one CPU, so one copy is enough, as for args_buffer). */
static struct {
    struct elf64_ehdr eh;
    struct elf64_phdr ph[ELF_PHDRS_MAX / sizeof(struct elf64_phdr)];
} headers;

static int read_headers(const struct exec_file *xf)
{
    memset(&headers.eh, 0, sizeof(headers.eh));
    exec_file_read(xf, 0, &headers.eh, sizeof(headers.eh));
    int err = elf_check_header(&headers.eh, xf->size);
    if (err)
        return err;
    exec_file_read(xf, headers.eh.e_phoff, headers.ph,
                   headers.eh.e_phnum * sizeof(struct elf64_phdr));
    return 0;
}

/*
 * A PT_INTERP segment names the dynamic loader a program needs. siglab runs static
 * executables only, but answers as Linux does when the loader is missing (ENOENT:
 * the classic puzzle of "No such file or directory" for a file that is there).
 */
static int check_interpreter(const struct exec_file *xf)
{
    for (int i = 0; i < headers.eh.e_phnum; i++) {
        const struct elf64_phdr *ph = &headers.ph[i];
        if (ph->p_type != PT_INTERP)
            continue;
        char name[PATH_MAX], path[PATH_MAX];
        if (ph->p_filesz < 2 || ph->p_filesz > sizeof(name) ||
            exec_file_read(xf, ph->p_offset, name, ph->p_filesz) != ph->p_filesz ||
            name[ph->p_filesz - 1] != 0)
            return -ENOEXEC;
        struct exec_file loader;
        int err = fs_resolve(name, path);
        if (!err)
            err = exec_file_open(path, &loader);
        return err ? err : -ENOEXEC;    /* there, but we cannot run a dynamic program */
    }
    return 0;
}

/* The signal that ends a new program whose segments cannot be mapped (Linux sends it
   once the old program is gone). */
static int fatal_signal(const struct exec_file *xf)
{
    switch (elf_check_segments(&headers.eh, headers.ph, xf->size,
                               (uint64_t)pages_total() * PAGE_SIZE)) {
    case ELF_LOADABLE:    return 0;
    case ELF_PAST_EOF:    return SIGBUS;
    case ELF_BAD_SEGMENT: return SIGSEGV;
    }
    return SIGSEGV;
}

static int exec_elf(struct proc *p, const char *path, const struct exec_file *xf,
                    const char *execfn, struct exec_args *a)
{
    int err = read_headers(xf);
    if (!err)
        err = check_interpreter(xf);
    if (err)
        return err;

    int fatal = fatal_signal(xf);
    if (fatal && p != current())
        return -ENOEXEC;    /* init, at boot: there is no old program to give up */
    struct mm *mm = mm_alloc();
    if (!mm)
        return -ENOMEM;
    uint64_t rsp;
    uint64_t stack_limit = p->rlimit[RLIMIT_STACK].cur, args_bytes = stack_bytes(a, execfn);
    err = fatal ? map_stack(mm, stack_limit, args_bytes)
                : load_program(mm, xf, &headers.eh, headers.ph, stack_limit, args_bytes);
    if (!err)
        err = build_stack(mm, &p->cred, &headers.eh, headers.ph, execfn, a, &rsp);
    if (err) {
        mmput(mm);
        return err;
    }
    commit_exec(p, mm, fatal ? 0 : headers.eh.e_entry, rsp, execfn);
    strlcpy(p->exe_path, path, sizeof(p->exe_path));
    if (fatal)
        force_sig(fatal);   /* the new program dies before its first instruction */
    return 0;
}
/*
 * "#!INTERPRETER [ARG]" on the first line: run INTERPRETER with the script's path as
 * an argument, as Linux's binfmt_script does: argv becomes INTERPRETER, ARG (the rest
 * of the line, if any, as one argument), the path given to execve, then argv[1...].
 */
#define SCRIPT_LINE_MAX 256     /* Linux: BINPRM_BUF_SIZE */
#define EXEC_DEPTH_MAX  4       /* scripts naming scripts (Linux: ELOOP past 4 levels) */

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Cut the "#!" line in buf into interpreter and optional argument. */
static int parse_script_line(char *buf, size_t n, char **interp, char **arg)
{
    size_t len = 0;
    while (len < n && buf[len] != '\n')
        len++;
    if (len == SCRIPT_LINE_MAX)
        return -ENOEXEC;    /* a line longer than Linux reads */
    buf[len] = 0;
    char *s = buf + 2;
    while (is_blank(*s))
        s++;
    if (!*s)
        return -ENOEXEC;    /* "#!" and nothing else */
    *interp = s;
    while (*s && !is_blank(*s))
        s++;
    if (*s)
        *s++ = 0;
    while (is_blank(*s))
        s++;
    char *tail = s + strlen(s);
    while (tail > s && is_blank(tail[-1]))
        *--tail = 0;
    *arg = *s ? s : 0;
    return 0;
}

/* argv[0] gives way to interp, arg (if any) and the script's name. */
static int args_replace_argv0(struct exec_args *a, const char *interp, const char *arg,
                              const char *script)
{
    const char *words[] = { interp, arg ? arg : "", script };
    size_t len[3], prefix = 0;
    for (int i = 0; i < 3; i++) {
        len[i] = (i == 1 && !arg) ? 0 : strlen(words[i]) + 1;
        prefix += len[i];
    }
    size_t argv0 = a->argc ? strlen(a->buf) + 1 : 0;   /* execve(path, {NULL}, ...) */
    size_t rest = a->used - argv0;
    if (prefix + rest > ARG_MAX)
        return -E2BIG;
    memmove(a->buf + prefix, a->buf + argv0, rest);
    char *w = a->buf;
    for (int i = 0; i < 3; i++) {
        memcpy(w, words[i], len[i]);
        w += len[i];
    }
    a->used = prefix + rest;
    a->argc += (arg ? 3 : 2) - (argv0 ? 1 : 0);
    return 0;
}

static int exec_depth(struct proc *p, const char *path, const char *name, const char *execfn,
                      struct exec_args *a, int depth);

/* name: how the script was named (by execve's caller, or by the "#!" line of the script
   that runs it), which its interpreter gets as an argument. */
static int exec_script(struct proc *p, const char *name, const char *execfn, char *line,
                       size_t n, struct exec_args *a, int depth)
{
    char *interp, *arg, path[PATH_MAX];
    int err = parse_script_line(line, n, &interp, &arg);
    if (!err && depth >= EXEC_DEPTH_MAX)
        err = -ELOOP;
    if (!err)
        err = fs_resolve(interp, path);
    if (!err)
        err = args_replace_argv0(a, interp, arg, name);
    return err ? err : exec_depth(p, path, interp, execfn, a, depth + 1);
}

static int exec_depth(struct proc *p, const char *path, const char *name, const char *execfn,
                      struct exec_args *a, int depth)
{
    struct exec_file xf;
    int err = exec_file_open(path, &xf);
    if (err)
        return err;
    char line[SCRIPT_LINE_MAX];
    size_t n = exec_file_read(&xf, 0, line, sizeof(line));
    if (n >= 2 && line[0] == '#' && line[1] == '!')
        return exec_script(p, name, execfn, line, n, a, depth);
    return exec_elf(p, path, &xf, execfn, a);
}

/* Every execve ends here, the kernel's start of init too. path: canonical; execfn:
   as the caller wrote it (AT_EXECFN, and a script's argument). Never inlined: gdb's
   tour (labs/gdb-tour.md) stops here and looks at p. */
__attribute__((noinline)) int exec_into(struct proc *p, const char *path, const char *execfn, struct exec_args *a)
{
    return exec_depth(p, path, execfn, execfn, a, 0);
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
    err = exec_into(current(), path, name, &args_buffer);
    if (err < 0)
        return err;
    /* The fresh frame still says which call returned, as on Linux: a tracer's
       syscall-exit-stop reads orig_rax 59. */
    current()->tf->orig_rax = NR_execve;
    ptrace_exec_trap();         /* a tracer gets to see the new image first */
    return 0;
}
