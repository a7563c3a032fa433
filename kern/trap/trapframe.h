/*
 * The trap frame: what every entry into the kernel from user mode (system call,
 * interrupt, exception) saves at the top of the process's kernel stack, and what the
 * one return-to-user path restores. The order follows Linux's struct pt_regs, with the
 * vector and error code between orig_rax and the hardware part.
 *
 * orig_rax is the system call number for a system call and -1 for everything else:
 * the restart logic (lab 5) needs it after rax has been overwritten by the result.
 */
#ifndef KERN_TRAP_TRAPFRAME_H
#define KERN_TRAP_TRAPFRAME_H

#ifndef __ASSEMBLY__
#include "kern/types.h"

struct trapframe {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t orig_rax;
    uint64_t vector;            /* interrupt/exception number; TRAP_SYSCALL for syscall */
    uint64_t err;               /* hardware error code, or 0 */
    /* pushed by the CPU (built by hand on syscall entry) */
    uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trapframe) == 23 * 8, "trapframe layout is shared with entry.S");

static inline bool tf_from_user(const struct trapframe *tf) { return (tf->cs & 3) == 3; }

/* The process's last user fault, as sigcontext's trapno, err and cr2 report it
   (Linux keeps these in thread_struct). trap.c's record_fault is the one writer;
   setup_sigcontext (kern/signal/frame_x86_64.c) the reader. */
struct fault_state {
    uint64_t trap_nr;           /* the exception vector */
    uint64_t error_code;        /* the CPU's error code for it */
    uint64_t cr2;               /* the faulting address of a page fault */
};
#endif

#define TRAP_SYSCALL    0x100   /* vector value recorded for a syscall-instruction entry */

/* Byte offsets used by the assembly. */
#define TF_RAX      (10 * 8)
#define TF_ORIG_RAX (15 * 8)
#define TF_VECTOR   (16 * 8)
#define TF_RIP      (18 * 8)
#define TF_CS       (19 * 8)
#define TF_RSP      (21 * 8)
#define TF_SIZE     (23 * 8)

#endif
