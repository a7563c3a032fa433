/*
 * A tracee's registers as ptrace shows them on x86-64: struct user_regs_struct
 * (<sys/user.h>, 27 words), the start of struct user for PTRACE_PEEKUSER (Linux
 * arch/x86/kernel/ptrace.c: getreg, putreg).
 *
 * Our trap frame has pt_regs' order, so the first 16 words map one to one; rip..ss
 * follow the frame's vector and error code. The data segment registers are 0 in a
 * 64-bit process and not kept.
 */
#include "kern/ptrace.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/uaccess.h"
#include "kern/memlayout.h"
#include "kern/x86.h"

struct user_regs_struct {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi, orig_rax;
    uint64_t rip, cs, eflags, rsp, ss;
    uint64_t fs_base, gs_base, ds, es, fs, gs;
};

_Static_assert(sizeof(struct user_regs_struct) == 27 * 8, "user_regs_struct is 27 words");

/* sizeof(struct user) on x86-64 as the kernel has it (asm/user_64.h: C libraries
   leave out the last two words, error_code and fault_address). */
#define SIZEOF_STRUCT_USER  928

/* The flags a tracer may change (Linux FLAG_MASK): the same as sigreturn's, plus NT. */
#define PTRACE_FLAG_MASK (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF | \
                          X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_OF | \
                          X86_EFLAGS_RF | X86_EFLAGS_AC | X86_EFLAGS_NT)

/* Linux's limit for a user FS/GS base (TASK_SIZE_MAX). */
#define TASK_SIZE_MAX   0x7ffffffff000UL

static void regs_from_tracee(const struct proc *t, struct user_regs_struct *r)
{
    const struct trapframe *tf = t->tf;
    memset(r, 0, sizeof(*r));
    memcpy(r, tf, 16 * 8);      /* r15 .. orig_rax, the same order */
    r->rip = tf->rip;
    r->cs = tf->cs;
    r->eflags = tf->rflags;
    r->rsp = tf->rsp;
    r->ss = tf->ss;
    r->fs_base = t->fs_base;
    r->gs_base = t->gs_base;
}

long ptrace_getregs(struct proc *t, uint64_t udata)
{
    struct user_regs_struct r;
    regs_from_tracee(t, &r);
    return copy_to_user(udata, &r, sizeof(r)) < 0 ? -EFAULT : 0;
}

/* A selector a process may load: null, or RPL 3 (Linux invalid_selector). */
static bool valid_selector(uint64_t sel)
{
    return sel == 0 || (sel & 3) == 3;
}

/* Linux putreg's checks, all before anything changes: EIO for a selector below
   ring 3 or a base in the kernel half. */
static bool regs_acceptable(const struct user_regs_struct *r)
{
    if ((r->cs & 3) != 3 || !valid_selector(r->ss) || !valid_selector(r->ds) ||
        !valid_selector(r->es) || !valid_selector(r->fs) || !valid_selector(r->gs))
        return false;
    return r->fs_base < TASK_SIZE_MAX && r->gs_base < TASK_SIZE_MAX;
}

/* A bad rip or selector is the tracee's problem: the return to user mode faults and
   the tracee gets SIGSEGV, as after a forged sigreturn (kern/trap/trap.c). */
long ptrace_setregs(struct proc *t, uint64_t udata)
{
    struct user_regs_struct r;
    if (copy_from_user(&r, udata, sizeof(r)) < 0)
        return -EFAULT;
    if (!regs_acceptable(&r))
        return -EIO;
    struct trapframe *tf = t->tf;
    memcpy(tf, &r, 16 * 8);
    tf->rip = r.rip;
    tf->cs = r.cs;
    tf->rflags = (tf->rflags & ~PTRACE_FLAG_MASK) | (r.eflags & PTRACE_FLAG_MASK);
    tf->rsp = r.rsp;
    tf->ss = r.ss;
    t->fs_base = r.fs_base;
    t->gs_base = r.gs_base;
    return 0;
}

/* One word of struct user: a register, or 0 for the rest (FPU image, debug
   registers: nothing we keep there for a tracer). EIO past its end or unaligned. */
long ptrace_peekuser(struct proc *t, uint64_t offset, uint64_t udata)
{
    if ((offset & 7) || offset >= SIZEOF_STRUCT_USER)
        return -EIO;
    uint64_t word = 0;
    if (offset < sizeof(struct user_regs_struct)) {
        struct user_regs_struct r;
        regs_from_tracee(t, &r);
        word = ((const uint64_t *)&r)[offset / 8];
    }
    return copy_to_user(udata, &word, sizeof(word)) < 0 ? -EFAULT : 0;
}
