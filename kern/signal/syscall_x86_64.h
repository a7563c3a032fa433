/*
 * How the generic signal code reads and rewrites an interrupted system call on x86-64
 * (Linux arch/x86/include/asm/syscall.h). restart.c uses only these, so it never
 * names a register.
 */
#ifndef KERN_SIGNAL_SYSCALL_X86_64_H
#define KERN_SIGNAL_SYSCALL_X86_64_H

#include "kern/trap/trapframe.h"

#define NR_restart_syscall 219

/* The system call the process was in, or -1 if it entered by interrupt/exception. */
static inline long syscall_get_nr(const struct trapframe *tf) { return (long)tf->orig_rax; }

/* The value the system call is about to return (negative: -errno). */
static inline long syscall_get_return(const struct trapframe *tf) { return (long)tf->rax; }
static inline void syscall_set_return(struct trapframe *tf, long v) { tf->rax = (uint64_t)v; }

/* Arrange for system call nr to run again when the process resumes: back up over
   the 2-byte `syscall` instruction and put the number back in rax. */
static inline void syscall_rewind(struct trapframe *tf, long nr)
{
    tf->rax = (uint64_t)nr;
    tf->rip -= 2;
}

static inline uint64_t user_stack_pointer(const struct trapframe *tf) { return tf->rsp; }

#endif
