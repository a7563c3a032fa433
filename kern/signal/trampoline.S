/*
 * The signal trampoline (lab 4).
 *
 * A handler is an ordinary function: when it returns, `ret` pops the frame's pretcode
 * and lands here, with rsp just above pretcode, pointing at the ucontext. This page is
 * mapped read+execute at TRAMPOLINE_ADDR in every process; it asks the kernel to undo
 * the signal: rt_sigreturn (system call 15) reads the frame at rsp - 8 and restores
 * the interrupted registers and signal mask.
 *
 * The bytes are written out, not left to the assembler: "mov $15, %rax" may be
 * shortened to "mov $15, %eax" (b8 0f 00 00 00), and gdb and the tests look for
 * exactly 48 c7 c0 0f 00 00 00 0f 05, the sequence Linux's C libraries use.
 */
        .section .trampoline, "ax"
        .globl sigreturn_trampoline     /* no code refers to it: the name is for gdb */
sigreturn_trampoline:
/* LAB 4: BEGIN SOLUTION */
        .byte 0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00     /* mov $15, %rax */
        .byte 0x0f, 0x05                                   /* syscall       */
/* LAB 4: END SOLUTION */
/* LAB 4: STUB
*/
        .byte 0x0f, 0x0b                                   /* ud2: never reached */
        .section .note.GNU-stack, "", @progbits
