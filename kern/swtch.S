/*
 * void swtch(struct context **old, struct context *new);
 *
 * Save the callee-saved registers on the current kernel stack, store the stack pointer
 * in *old, load new as the stack pointer and pop the registers saved there. The
 * return address pushed by our caller is part of struct context (its rip).
 */
        .text
        .globl swtch
swtch:
        pushq %rbp
        pushq %rbx
        pushq %r12
        pushq %r13
        pushq %r14
        pushq %r15
        movq %rsp, (%rdi)
        movq %rsi, %rsp
        popq %r15
        popq %r14
        popq %r13
        popq %r12
        popq %rbx
        popq %rbp
        ret
