/*
 * How gdb unwinds through a signal frame: DWARF call frame information (CFI) for the
 * two restorer instructions, marked as a signal frame.
 *
 * Why we need it. gdb knows Linux's x86-64 signal frame and would recognise the
 * trampoline bytes by itself, but only when the target says it is a Linux process
 * (an "org.gnu.gdb.i386.linux" register set with orig_rax). QEMU's gdb stub presents
 * a bare CPU, so that unwinder never switches on (docs/design.md section 4). This file
 * tells gdb the same thing in DWARF: "here is a signal frame; this is where each
 * interrupted register was saved". It is a second, independent description of the
 * frame kern/signal/frame_x86_64.h builds, and `bt` in a handler shows
 * "<signal handler called>" because of the S in its CIE augmentation ("zRS").
 *
 * Where it applies. The Makefile links this file twice at 0x7fffffffefff, so that
 * the trampoline below sits at 0x7ffffffff000, exactly where the kernel maps its
 * trampoline page (TRAMPOLINE_ADDR):
 *   build/gdb/trampoline_page.elf  with the symbol trampoline_page, loaded as is
 *   build/gdb/sigtramp_cfi.elf     without symbols; tools/gdb/siglab_gdb.py loads it
 *                                  again, shifted, over every other copy of the
 *                                  restorer bytes it finds in a user program (musl's
 *                                  __restore_rt, or a program's own)
 *
 * What the rules say. The handler returned with `ret`, which popped pretcode, so in
 * the trampoline rsp points at the frame's ucontext (frame + 8), and uc_mcontext, the
 * saved registers (struct sigcontext), starts 40 bytes further:
 *
 *   rsp + 0     ucontext: uc_flags, uc_link, uc_stack (24 bytes)
 *   rsp + 40    uc_mcontext: r8 r9 r10 r11 r12 r13 r14 r15 rdi rsi rbp rbx rdx rax
 *               rcx rsp rip eflags, then cs gs fs ss (16 bits each), ..., fpstate
 *   rsp + 296   uc_sigmask
 *
 * The frame's CFA (the address gdb names it by) is the interrupted rsp, as in
 * glibc's unwind info for its own __restore_rt. Every general register, rip and
 * eflags is "saved at rsp + 40 + its sigcontext offset" (DW_CFA_expression), so
 * `info frame` at the <signal handler called> level lists those addresses. cs and ss
 * are 16-bit fields: their values are loaded with DW_OP_deref_size 2
 * (DW_CFA_val_expression). The x87 and SSE registers (st0-7, xmm0-15, mxcsr) live
 * in the fxsave image that sigcontext.fpstate points to.
 */

/* DWARF opcodes (DWARF 5, section 6.4.2 and 2.5) */
#define DW_CFA_def_cfa_expression   0x0f
#define DW_CFA_expression           0x10
#define DW_CFA_val_expression       0x16
#define DW_OP_breg7                 0x77    /* rsp + SLEB128 offset */
#define DW_OP_deref                 0x06
#define DW_OP_deref_size            0x94
#define DW_OP_plus_uconst           0x23

/* DWARF register numbers (x86-64 psABI, figure 3.36) */
#define R_RAX 0
#define R_RDX 1
#define R_RCX 2
#define R_RBX 3
#define R_RSI 4
#define R_RDI 5
#define R_RBP 6
#define R_RSP 7
#define R_R8  8
#define R_RIP 16        /* the return address column */
#define R_XMM0 17       /* xmm0..xmm15: 17..32 */
#define R_ST0 33
#define R_RFLAGS 49
#define R_CS 51
#define R_SS 52
#define R_MXCSR 64
#define R_FCW 65
#define R_FSW 66

/* Offsets from the trampoline's rsp (= &ucontext); sigcontext offsets as in docs/design.md section 4 */
#define UC_MCONTEXT 40
#define SC(off)     (UC_MCONTEXT + (off))
#define SC_R8       SC(0)       /* r9..r15 follow, 8 bytes apart */
#define SC_RDI      SC(64)
#define SC_RSI      SC(72)
#define SC_RBP      SC(80)
#define SC_RBX      SC(88)
#define SC_RDX      SC(96)
#define SC_RAX      SC(104)
#define SC_RCX      SC(112)
#define SC_RSP      SC(120)
#define SC_RIP      SC(128)
#define SC_EFLAGS   SC(136)
#define SC_CS       SC(144)
#define SC_SS       SC(150)
#define SC_FPSTATE  SC(184)

/* fxsave image layout (Intel SDM vol. 1, table 10-2) */
#define FX_FCW      0
#define FX_FSW      2
#define FX_MXCSR    24
#define FX_ST0      32          /* st0..st7, 16 bytes apart */
#define FX_XMM0     160         /* xmm0..xmm15, 16 bytes apart */

/* DW_OP_breg7 OFF, with OFF (0..8191) as SLEB128: one byte below 64, else two. */
.macro rsp_plus off
    .if \off < 64
        .cfi_escape DW_OP_breg7, \off
    .else
        .cfi_escape DW_OP_breg7, (\off & 0x7f) | 0x80, \off >> 7
    .endif
.endm
.macro expr_len off
    .if \off < 64
        .cfi_escape 2
    .else
        .cfi_escape 3
    .endif
.endm

/* Register REG was saved at rsp + OFF. */
.macro saved_at reg, off
        .cfi_escape DW_CFA_expression, \reg
        expr_len \off
        rsp_plus \off
.endm

/* Register REG's value is the 16-bit field at rsp + OFF. */
.macro saved16_at reg, off
        .cfi_escape DW_CFA_val_expression, \reg
    .if \off < 64
        .cfi_escape 4
    .else
        .cfi_escape 5
    .endif
        rsp_plus \off
        .cfi_escape DW_OP_deref_size, 2
.endm

/* Register REG was saved at *(rsp + SC_FPSTATE) + OFF, in the fxsave image
   (OFF < 128: one-byte ULEB128; else two bytes). */
.macro fx_saved_at reg, off
    .if \off < 128
        .cfi_escape DW_CFA_expression, \reg, 6
        rsp_plus SC_FPSTATE
        .cfi_escape DW_OP_deref, DW_OP_plus_uconst, \off
    .else
        .cfi_escape DW_CFA_expression, \reg, 7
        rsp_plus SC_FPSTATE
        .cfi_escape DW_OP_deref, DW_OP_plus_uconst, (\off & 0x7f) | 0x80, \off >> 7
    .endif
.endm

/* Register REG's value is the 16-bit field at *(rsp + SC_FPSTATE) + OFF (OFF < 128). */
.macro fx_saved16_at reg, off
        .cfi_escape DW_CFA_val_expression, \reg, 8
        rsp_plus SC_FPSTATE
        .cfi_escape DW_OP_deref, DW_OP_plus_uconst, \off, DW_OP_deref_size, 2
.endm

        .text
        .cfi_startproc simple
        .cfi_signal_frame

        /* The caller's frame address: the interrupted rsp, loaded from sigcontext. */
        .cfi_escape DW_CFA_def_cfa_expression, 4
        rsp_plus SC_RSP
        .cfi_escape DW_OP_deref

        saved_at (R_R8 + 0), (SC_R8 + 0)
        saved_at (R_R8 + 1), (SC_R8 + 8)
        saved_at (R_R8 + 2), (SC_R8 + 16)
        saved_at (R_R8 + 3), (SC_R8 + 24)
        saved_at (R_R8 + 4), (SC_R8 + 32)
        saved_at (R_R8 + 5), (SC_R8 + 40)
        saved_at (R_R8 + 6), (SC_R8 + 48)
        saved_at (R_R8 + 7), (SC_R8 + 56)
        saved_at R_RDI, SC_RDI
        saved_at R_RSI, SC_RSI
        saved_at R_RBP, SC_RBP
        saved_at R_RBX, SC_RBX
        saved_at R_RDX, SC_RDX
        saved_at R_RAX, SC_RAX
        saved_at R_RCX, SC_RCX
        saved_at R_RSP, SC_RSP
        saved_at R_RIP, SC_RIP
        saved_at R_RFLAGS, SC_EFLAGS
        saved16_at R_CS, SC_CS
        saved16_at R_SS, SC_SS

        fx_saved16_at R_FCW, FX_FCW
        fx_saved16_at R_FSW, FX_FSW
        .irp i, 0, 1, 2, 3, 4, 5, 6, 7
        fx_saved_at (R_ST0 + \i), (FX_ST0 + 16 * \i)
        .endr
        /* xmm0-15 and mxcsr, from the same fxsave image. (gdb maps these DWARF
           numbers to $xmm0... only because siglab-connect gives it QEMU's registers in
           gdb's own features, tools/gdb/tdesc.py: QEMU's description puts them where
           gdb's x86-64 unwinder does not look.) Native gdb has no such rules in its
           Linux signal-frame unwinder: there `frame N; p $xmm0` shows the handler's. */
        fx_saved_at R_MXCSR, FX_MXCSR
        .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
        fx_saved_at (R_XMM0 + \i), (FX_XMM0 + 16 * \i)
        .endr

        /* The FDE starts one byte early: for a frame that called something, gdb looks
           up the return address minus one, and the handler "returns" to our first
           byte. (musl has a nop before __restore_rt for the same reason.) */
        nop
#ifdef TRAMPOLINE_SYMBOL
        .globl TRAMPOLINE_SYMBOL
        .type TRAMPOLINE_SYMBOL, @function
TRAMPOLINE_SYMBOL:
#endif
        /* The same bytes as kern/signal/trampoline.S and musl's __restore_rt. */
        .byte 0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00     /* mov $15, %rax */
        .byte 0x0f, 0x05                                   /* syscall       */
#ifdef TRAMPOLINE_SYMBOL
        .size TRAMPOLINE_SYMBOL, . - TRAMPOLINE_SYMBOL
#endif
        .cfi_endproc

        .section .note.GNU-stack, "", @progbits
