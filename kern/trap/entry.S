/*
 * Every way into and out of the kernel from ring 3.
 *
 *   vector_N        exceptions and interrupts (IDT): push error code + vector, then
 *   alltraps        save the registers into a struct trapframe and call trap()
 *   syscall_entry   the syscall instruction: build the same trapframe by hand
 *   compat_syscall_entry  syscall from 32-bit code: refused with -ENOSYS at once
 *   return_to_user  THE way back to ring 3 for all of them: calls
 *                   prepare_exit_to_user() (signal delivery hooks in there), restores
 *                   the registers, and leaves by sysretq or iretq. (A system call has
 *                   syscall_dispatch() call prepare_exit_to_user() itself, one call
 *                   fewer on the busiest path, and joins at restore_user_regs.)
 *
 * %gs: in user mode GS_BASE is the user's; KERNEL_GS_BASE holds &cpu. swapgs on
 * every entry from and exit to ring 3 swaps them, so %gs:N reaches struct cpu.
 */
#include "kern/gdt.h"
#include "kern/errno.h"
#include "kern/trap/trapframe.h"

#define CPU_KERNEL_RSP  0   /* offsets into struct cpu (kern/proc.h) */
#define CPU_USER_RSP    8

/* Save the general registers in struct trapframe order (r15 ends up lowest). */
.macro PUSH_REGS
        pushq %rdi
        pushq %rsi
        pushq %rdx
        pushq %rcx
        pushq %rax
        pushq %r8
        pushq %r9
        pushq %r10
        pushq %r11
        pushq %rbx
        pushq %rbp
        pushq %r12
        pushq %r13
        pushq %r14
        pushq %r15
.endm

.macro POP_REGS
        popq %r15
        popq %r14
        popq %r13
        popq %r12
        popq %rbp
        popq %rbx
        popq %r11
        popq %r10
        popq %r9
        popq %r8
        popq %rax
        popq %rcx
        popq %rdx
        popq %rsi
        popq %rdi
.endm

/* ---- IDT entry points: one 16-byte stub per vector, vector_table_start + 16*n ---- */
        .text
        .align 16
        .globl vector_table_start
vector_table_start:
        .set vec, 0
        .rept 256
        .align 16
        /* The CPU pushes an error code for 8, 10-14, 17, 21, 29, 30; push a zero for
           the others so every frame has the same shape. */
        .if (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
        .else
        pushq $0
        .endif
        pushq $vec
        jmp alltraps
        .set vec, vec + 1
        .endr

alltraps:
        /* Here: vector at 0(%rsp), error at 8, rip at 16, cs at 24. */
        testb $3, 24(%rsp)
        jz 1f
        swapgs
1:      pushq $-1                       /* orig_rax: not a system call */
        PUSH_REGS
        cld
        movq %rsp, %rdi
        subq $8, %rsp                   /* the frame is 8 mod 16; calls want 0 mod 16 */
        call trap
        addq $8, %rsp
        testb $3, TF_CS(%rsp)
        jnz return_to_user
        /* Back to the kernel (only ever the idle loop's hlt or a kernel fault we chose
           to survive): no swapgs. */
        POP_REGS
        addq $24, %rsp                  /* orig_rax, vector, error code */
        iretq

/* ---- the syscall instruction ----
 * The CPU put the user rip in %rcx and rflags in %r11, loaded KERNEL_CS/SS from STAR
 * and cleared the flags in FMASK (IF and DF among them). It did not switch stacks: we do. */
        .globl syscall_entry
syscall_entry:
        swapgs
        movq %rsp, %gs:CPU_USER_RSP
        movq %gs:CPU_KERNEL_RSP, %rsp
        pushq $USER_DS                  /* ss */
        pushq %gs:CPU_USER_RSP          /* rsp */
        pushq %r11                      /* rflags */
        pushq $USER_CS                  /* cs */
        pushq %rcx                      /* rip */
        pushq $0                        /* error code */
        pushq $TRAP_SYSCALL             /* vector */
        pushq %rax                      /* orig_rax: the system call number */
        PUSH_REGS
        /* (No cld: FMASK cleared DF along with IF, idt.c.) */
        movq %rsp, %rdi
        subq $8, %rsp
        call syscall_dispatch           /* ends with prepare_exit_to_user's verdict */
        addq $8, %rsp
        jmp restore_user_regs

/* ---- the one return-to-user path ----
 * %rsp points at the process's trapframe. New processes arrive here too: swtch()
 * "returns" into this label with %rsp at their trapframe (see proc.c). */
        .globl return_to_user
return_to_user:
        movq %rsp, %rdi
        subq $8, %rsp
        call prepare_exit_to_user       /* returns nonzero when sysretq is safe */
        addq $8, %rsp
restore_user_regs:
        testl %eax, %eax
        POP_REGS                        /* (pop does not change the flags) */
        jnz 2f
        addq $24, %rsp
        swapgs
        .globl iret_to_user
iret_to_user:                           /* a fault here is the user's: see bad_iret() */
        iretq
2:      /* sysretq: rip from %rcx, rflags from %r11 (prepare_exit_to_user checked that
           they equal the frame's rip and rflags); it does not restore %rsp. */
        swapgs
        movq TF_RSP - TF_ORIG_RAX(%rsp), %rsp
        sysretq

/* void retry_return_to_user(struct trapframe *tf): after bad_iret(), back on the
   kernel's GS, start the way to user mode again from the process's trapframe. */
        .globl retry_return_to_user
retry_return_to_user:
        swapgs
        movq %rdi, %rsp
        jmp return_to_user

/* ---- the syscall instruction in 32-bit compatibility mode (MSR_CSTAR) ----
 * Ring 0, but on the user's stack, GS and page tables: touch nothing, answer -ENOSYS
 * and go straight back to compatibility mode (sysretl: cs USER32_CS, rip from %ecx,
 * rflags from %r11). Interrupts stay off throughout (FMASK cleared IF). */
        .globl compat_syscall_entry
compat_syscall_entry:
        movl $-ENOSYS, %eax
        sysretl

        .section .note.GNU-stack, "", @progbits
