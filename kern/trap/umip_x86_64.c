/*
 * User-Mode Instruction Prevention. Five instructions tell any program where the
 * kernel keeps its tables: sgdt, sidt (the GDT's and IDT's addresses), sldt, str (the
 * LDT and task-register selectors) and smsw (the low bits of CR0). With CR4.UMIP set
 * (kern/main.c, where the CPU has it) they raise #GP in user mode. Linux then emulates
 * them with fixed, harmless answers so that old programs (Wine's) keep running, and so
 * do we: the same dummy values as Linux's arch/x86/kernel/umip.c, so a program prints
 * the same on both. Anything else that raises #GP is still the program's fault.
 *
 * The decoder handles what these instructions can be: legacy prefixes, REX, opcode
 * 0f 00 /0 /1 or 0f 01 /0 /1 /4, and a ModRM operand (a register, or memory through
 * base + index * scale + displacement, or rip-relative).
 */
#include "kern/trap/traps.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/signal/signal.h"

#define DUMMY_GDT_BASE 0xfffffffffffe0000UL     /* Linux's UMIP_DUMMY_GDT_BASE */
#define DUMMY_IDT_BASE 0xffffffffffff0000UL     /* Linux's UMIP_DUMMY_IDT_BASE */
#define DUMMY_CR0      0x80050033UL             /* PG AM WP NE ET MP PE */
#define DUMMY_TR       0x40UL                   /* the TSS selector Linux reports */

enum umip_insn { SGDT, SIDT, SMSW, SLDT, STR, NOT_UMIP };

struct decoded {
    enum umip_insn insn;
    int len;                /* bytes, prefixes included */
    bool opsize16;          /* 0x66 prefix */
    bool rex_w;
    bool is_reg;            /* ModRM names a register */
    int reg;                /* ... that one (0-15) */
    uint64_t addr;          /* ... or this address */
    int seg;                /* 0, or the fs/gs override prefix (0x64, 0x65) */
};

/* The general registers in ModRM order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..). */
static uint64_t *gpr(struct trapframe *tf, int n)
{
    uint64_t *regs[16] = { &tf->rax, &tf->rcx, &tf->rdx, &tf->rbx, &tf->rsp, &tf->rbp,
                           &tf->rsi, &tf->rdi, &tf->r8, &tf->r9, &tf->r10, &tf->r11,
                           &tf->r12, &tf->r13, &tf->r14, &tf->r15 };
    return regs[n & 15];
}

static enum umip_insn which(uint8_t op2, int reg)
{
    if (op2 == 0x01)
        return reg == 0 ? SGDT : reg == 1 ? SIDT : reg == 4 ? SMSW : NOT_UMIP;
    if (op2 == 0x00)
        return reg == 0 ? SLDT : reg == 1 ? STR : NOT_UMIP;
    return NOT_UMIP;
}

static int32_t le32(const uint8_t *b)
{
    return (int32_t)(b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24);
}

/* The memory operand after ModRM byte m at code[*i]; advances *i past SIB and disp. */
static uint64_t effective_address(struct trapframe *tf, const uint8_t *code, int *i,
                                  uint8_t m, uint8_t rex)
{
    int mod = m >> 6, rm = m & 7;
    uint64_t addr = 0;
    bool rip_relative = false;
    if (rm == 4) {                                  /* a SIB byte follows */
        uint8_t sib = code[(*i)++];
        int scale = sib >> 6, index = ((sib >> 3) & 7) | (rex & 2) << 2, base = sib & 7;
        if (index != 4)
            addr += *gpr(tf, index) << scale;
        if (base == 5 && mod == 0) {
            addr += le32(code + *i);
            *i += 4;
        } else {
            addr += *gpr(tf, base | (rex & 1) << 3);
        }
    } else if (rm == 5 && mod == 0) {
        rip_relative = true;
        addr = le32(code + *i);
        *i += 4;
    } else {
        addr = *gpr(tf, rm | (rex & 1) << 3);
    }
    if (mod == 1)
        addr += (int8_t)code[(*i)++];
    else if (mod == 2) {
        addr += le32(code + *i);
        *i += 4;
    }
    if (rip_relative)
        addr += tf->rip + *i;       /* relative to the next instruction (no immediate) */
    return addr;
}

static bool decode(struct trapframe *tf, const uint8_t *code, int n, struct decoded *d)
{
    int i = 0;
    uint8_t rex = 0;
    *d = (struct decoded){ .insn = NOT_UMIP };
    for (; i < n && i < 14; i++) {                  /* legacy prefixes */
        uint8_t b = code[i];
        if (b == 0x66)
            d->opsize16 = true;
        else if (b == 0x64 || b == 0x65)
            d->seg = b;
        else if (b != 0x26 && b != 0x2e && b != 0x36 && b != 0x3e && b != 0x67 &&
                 b != 0xf2 && b != 0xf3)
            break;
    }
    if (i < n && (code[i] & 0xf0) == 0x40)          /* REX */
        rex = code[i++];
    d->rex_w = rex & 8;
    if (i + 3 > n || code[i] != 0x0f)
        return false;
    uint8_t op2 = code[i + 1], m = code[i + 2];
    i += 3;
    d->insn = which(op2, (m >> 3) & 7);
    if (d->insn == NOT_UMIP)
        return false;
    d->is_reg = (m >> 6) == 3;
    if (d->is_reg) {
        if (d->insn == SGDT || d->insn == SIDT)
            return false;                           /* no register form: #UD, not ours */
        d->reg = (m & 7) | (rex & 1) << 3;
    } else {
        d->addr = effective_address(tf, code, &i, m, rex);
        if (d->seg == 0x64)
            d->addr += current()->fs_base;
        else if (d->seg == 0x65)
            d->addr += current()->gs_base;
    }
    d->len = i;
    return i <= n;
}

static uint64_t dummy_value(enum umip_insn insn)
{
    switch (insn) {
    case SMSW: return DUMMY_CR0;
    case STR:  return DUMMY_TR;
    default:   return 0;                            /* SLDT: no LDT */
    }
}

/* Carry out d: true if done (rip moves on), false if the store faulted (SIGSEGV sent). */
static bool emulate(struct trapframe *tf, const struct decoded *d)
{
    if (d->insn == SGDT || d->insn == SIDT) {
        uint8_t desc[10] = { 0 };                   /* limit 0, then the 8-byte base */
        uint64_t base = d->insn == SGDT ? DUMMY_GDT_BASE : DUMMY_IDT_BASE;
        memcpy(desc + 2, &base, 8);
        if (copy_to_user(d->addr, desc, sizeof(desc)) < 0)
            goto fault;
        return true;
    }
    uint64_t v = dummy_value(d->insn);
    if (d->is_reg) {
        uint64_t *r = gpr(tf, d->reg);
        *r = d->opsize16 ? (*r & ~0xffffUL) | (v & 0xffff) : v;     /* 32/64: zero-extended */
        return true;
    }
    uint16_t word = v;                              /* to memory: always 16 bits */
    if (copy_to_user(d->addr, &word, sizeof(word)) == 0)
        return true;
fault:
    force_sig_fault(SIGSEGV, SEGV_MAPERR, d->addr);
    return false;
}

bool fixup_umip_exception(struct trapframe *tf)
{
    uint8_t code[15];
    int n = 0;
    while (n < (int)sizeof(code) && copy_from_user(code + n, tf->rip + n, 1) == 0)
        n++;
    struct decoded d;
    if (!decode(tf, code, n, &d))
        return false;
    if (emulate(tf, &d))
        tf->rip += d.len;
    return true;
}
