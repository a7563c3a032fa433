// srop_attacks: forged rt_sigreturn frames, one per attack, and what each one gains
// lab: 4
//
// Sigreturn-oriented programming: a program (or an attacker who controls its
// stack) builds a struct rt_sigframe by hand and calls rt_sigreturn, which loads
// every register from it. Each case below forges one field of an otherwise
// good frame and runs it in a child. Either the return fails and the child is
// killed (the signal is printed), or it lands in landing_stub, which records
// cs, ss, eflags, MXCSR and the blocked mask as the frame left them. Then the
// child proves it gained no privilege: each privileged instruction (cli, sti,
// hlt, in, out, reading and writing cr0 and cr3) runs in a grandchild, which
// inherits every register, IOPL included, and must die of SIGSEGV.
//
// What Linux does, and so siglab (arch/x86/kernel/signal_64.c):
//  - cs and ss get RPL 3 (cs | 3, ss | 3); a selector still unusable after
//    that makes the iretq to user mode fault: SIGSEGV. The 32-bit user code
//    selector is usable: the return lands in compatibility mode (where a ud2
//    still raises SIGILL). Without
//    UC_STRICT_RESTORE_SS in uc_flags an unusable ss becomes the user data
//    selector 0x2b instead. No other uc_flags bit means anything.
//  - eflags keeps only AC OF DF TF SF ZF AF PF CF RF from the frame: IOPL, NT,
//    VM and IF are the kernel's (IF on). TF traps after one instruction:
//    SIGTRAP.
//  - a non-canonical rip fails the return itself, a kernel rip fails the
//    instruction fetch: SIGSEGV either way. A non-canonical rsp is loaded, and
//    the first push faults.
//  - fpstate must point to 512 readable, 16-byte aligned user bytes whose MXCSR
//    has only bits the CPU has, or the frame is bad: SIGSEGV.
//  - SIGKILL and SIGSTOP in uc_sigmask are dropped.
//
// Two things QEMU's TCG does not do as the hardware does, so they are left out:
// it never raises #AC, so AC (which does survive) makes no misaligned load fault
// (on Linux, SIGBUS BUS_ADRALN); and it reports a push to a non-canonical rsp as
// #GP (SIGSEGV), not as the stack fault #SS (SIGBUS) the CPU raises. That case
// catches the fault on an altstack and prints where it happened, not which signal.

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

#define USER32_CS 0x23
#define USER_DS   0x2b
#define USER_CS   0x33
#define KERNEL_CS 0x10
#define KERNEL_DS 0x18

#define UC_SIGCONTEXT_SS     0x2
#define UC_STRICT_RESTORE_SS 0x4

#define TF   0x000100
#define IF   0x000200
#define DF   0x000400
#define IOPL 0x003000
#define NT   0x004000
#define VM   0x020000
#define AC   0x040000

#define KERNEL_ADDR     0xffffffff80000000UL
#define NONCANONICAL    0x0000800000000000UL   // the first address past user space
#define MXCSR_DEFAULT   0x1f80
#define MXCSR_RZ        0x7f80                 // round toward zero
#define MXCSR_BEFORE    0x3f80                 // what the child has before the return

// Linux's struct sigcontext (uapi asm/sigcontext.h), spelled out so musl and glibc
// builds see the same layout.
struct ksigcontext {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2, fpstate, reserved[8];
};

// struct rt_sigframe up to uc_sigmask: the kernel reads it at rsp - 8.
struct kframe {
    uint64_t pretcode;
    uint64_t uc_flags, uc_link;
    uint64_t ss_sp;
    uint32_t ss_flags, ss_pad;
    uint64_t ss_size;
    struct ksigcontext sc;
    uint64_t uc_sigmask;
};

static struct kframe frame __attribute__((aligned(16)));
// Room for the fxsave image at several alignments (fpstate moves within it).
static uint8_t fxarea[1024] __attribute__((aligned(64)));
static uint8_t landing_stack[65536] __attribute__((aligned(16)));
static uint8_t *no_page;            // an unmapped page
static uint8_t *last_page;          // a page with an unmapped page after it

// What landing_stub saw before any compiled code ran.
uint64_t landed_eflags;
uint16_t landed_cs, landed_ss;
uint32_t landed_mxcsr;
void landing_stub(void);
void landing(void);
asm(".text\n"
    "landing_stub:\n\t"
    "pushfq\n\t"                            // the first push: faults if rsp is bad
    "popq landed_eflags(%rip)\n\t"
    "movw %cs, landed_cs(%rip)\n\t"
    "movw %ss, landed_ss(%rip)\n\t"
    "stmxcsr landed_mxcsr(%rip)\n\t"
    "pushq $0x202\n\t"                      // compiled code wants DF and AC clear
    "popfq\n\t"
    "jmp landing\n"
    "ud2_stub:\n\t"                          // the same bytes in 32-bit code
    "ud2\n");
void ud2_stub(void);

// ---- the privileged instructions, each run in a grandchild ----

static void do_cli(void)       { asm volatile("cli"); }
static void do_sti(void)       { asm volatile("sti"); }
static void do_hlt(void)       { asm volatile("hlt"); }
static void do_in(void)        { asm volatile("inb $0x61, %%al" ::: "rax"); }
static void do_out(void)       { asm volatile("outb %%al, $0x80" :: "a"(0)); }
static void do_read_cr0(void)  { uint64_t v; asm volatile("mov %%cr0, %0" : "=r"(v)); }
static void do_read_cr3(void)  { uint64_t v; asm volatile("mov %%cr3, %0" : "=r"(v)); }
static void do_write_cr0(void) { asm volatile("mov %0, %%cr0" :: "r"(0x80000011UL)); }
static void do_write_cr3(void) { asm volatile("mov %0, %%cr3" :: "r"(0UL)); }

static const struct probe {
    const char *name;
    void (*run)(void);
} probes[] = {
    { "cli", do_cli }, { "sti", do_sti }, { "hlt", do_hlt }, { "in", do_in },
    { "out", do_out }, { "read cr0", do_read_cr0 }, { "read cr3", do_read_cr3 },
    { "write cr0", do_write_cr0 }, { "write cr3", do_write_cr3 },
};

static const char *signame(int sig)
{
    static char buf[16];
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGTRAP: return "SIGTRAP";
    case SIGILL: return "SIGILL";
    }
    snprintf(buf, sizeof buf, "signal %d", sig);
    return buf;
}

// How a child ended: "exit N" or the signal that killed it.
static const char *ending(int status)
{
    static char buf[32];
    if (WIFEXITED(status))
        snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(status));
    else
        snprintf(buf, sizeof buf, "%s", signame(WTERMSIG(status)));
    return buf;
}

static int run_probe(const struct probe *p)
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        p->run();
        _exit(0);           // the instruction worked: privilege gained
    }
    waitpid(pid, &status, 0);
    return status;
}

void landing(void)
{
    uint64_t blocked = current_mask();
    printf("  returned: cs %#x ss %#x eflags %#lx mxcsr %#x blocked %#lx\n",
           landed_cs, landed_ss, (unsigned long)landed_eflags, landed_mxcsr,
           (unsigned long)blocked);
    // Back to a plain mask, so nothing the frame blocked changes the probes.
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &(uint64_t){ 0 }, NULL, 8);
    int gained = 0;
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        int status = run_probe(&probes[i]);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV) {
            printf("  %s: FAIL %s, expected SIGSEGV\n", probes[i].name, ending(status));
            gained = 1;
        }
    }
    if (!gained)
        printf("  cli, sti, hlt, in, out, cr0/cr3 read and write: each SIGSEGV\n");
    _exit(gained ? 2 : 0);
}

// ---- the frame ----

// A frame that returns cleanly to landing_stub, as a delivered signal's would.
static void good_frame(struct kframe *f)
{
    memset(f, 0, sizeof *f);
    f->uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    f->ss_flags = SS_DISABLE;
    f->sc.rip = (uint64_t)landing_stub;
    f->sc.rsp = (uint64_t)(landing_stack + sizeof landing_stack - 8);   // as after a call
    f->sc.eflags = 0x202;
    f->sc.cs = USER_CS;
    f->sc.ss = USER_DS;
    f->sc.fpstate = (uint64_t)fxarea;
}

// rt_sigreturn with rsp just past the frame's pretcode, as a handler's ret leaves it.
static void sigreturn_to(struct kframe *f)
{
    uint32_t before = MXCSR_BEFORE;
    asm volatile("ldmxcsr %1\n\t"
                 "mov %0, %%rsp\n\t"
                 "mov %2, %%eax\n\t"
                 "syscall\n\t"
                 "ud2"
                 : : "r"(&f->uc_flags), "m"(before), "i"(SYS_rt_sigreturn)
                 : "rax", "rcx", "r11", "memory");
}

// A fault with the stack pointer unusable: report where it happened (the first
// instruction after the return, with the forged rsp) from an altstack.
static void on_stack_fault(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    uint64_t rip = uc->uc_mcontext.gregs[REG_RIP], rsp = uc->uc_mcontext.gregs[REG_RSP];
    printf("  the first push faulted: at landing_stub %s, rsp %#lx\n",
           rip == (uint64_t)landing_stub ? "yes" : "no", (unsigned long)rsp);
    _exit(0);
}

static void catch_stack_fault(struct kframe *f)
{
    static uint8_t alt[65536] __attribute__((aligned(16)));
    stack_t st = { .ss_sp = alt, .ss_size = sizeof alt };
    f->ss_sp = (uint64_t)alt;          // sigreturn sets the altstack from uc_stack
    f->ss_size = sizeof alt;
    f->ss_flags = 0;
    struct sigaction sa = { .sa_sigaction = on_stack_fault, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    sigaltstack(&st, NULL);
    sigaction(SIGSEGV, &sa, NULL);     // QEMU: #GP
    sigaction(SIGBUS, &sa, NULL);      // the CPU: #SS
}

// ---- the attacks: each changes one thing in the good frame ----

static void untouched(struct kframe *f)        { (void)f; }
static void cs_kernel(struct kframe *f)        { f->sc.cs = KERNEL_CS; }
static void cs_kernel_data(struct kframe *f)   { f->sc.cs = KERNEL_DS; }
static void cs_rpl0(struct kframe *f)          { f->sc.cs = USER_CS & ~3; }
static void cs_null(struct kframe *f)          { f->sc.cs = 0; }
static void cs_user_data(struct kframe *f)     { f->sc.cs = USER_DS; }
static void cs_compat(struct kframe *f)        { f->sc.cs = USER32_CS; f->sc.rip = (uint64_t)ud2_stub; }
static void ss_null(struct kframe *f)          { f->sc.ss = 0; }
static void ss_kernel(struct kframe *f)        { f->sc.ss = KERNEL_DS; }
static void ss_kernel_code(struct kframe *f)   { f->sc.ss = KERNEL_CS; }
static void ss_rpl0(struct kframe *f)          { f->sc.ss = USER_DS & ~3; }
static void ss_user_code(struct kframe *f)     { f->sc.ss = USER_CS; }
static void ss_null_lax(struct kframe *f)      { ss_null(f); f->uc_flags = UC_SIGCONTEXT_SS; }
static void ss_kernel_lax(struct kframe *f)    { ss_kernel(f); f->uc_flags = 0; }
static void fl_iopl3(struct kframe *f)         { f->sc.eflags |= IOPL; }
static void fl_if_clear(struct kframe *f)      { f->sc.eflags &= ~IF; }
static void fl_tf(struct kframe *f)            { f->sc.eflags |= TF; }
static void fl_nt(struct kframe *f)            { f->sc.eflags |= NT; }
static void fl_ac(struct kframe *f)            { f->sc.eflags |= AC; }
static void fl_vm(struct kframe *f)            { f->sc.eflags |= VM; }
static void fl_df(struct kframe *f)            { f->sc.eflags |= DF; }
static void fl_all_but_tf(struct kframe *f)    { f->sc.eflags = ~(uint64_t)TF; }
static void rip_kernel(struct kframe *f)       { f->sc.rip = KERNEL_ADDR; }
static void rip_noncanon(struct kframe *f)     { f->sc.rip = NONCANONICAL; }
static void rip_top_bit(struct kframe *f)      { f->sc.rip = 1UL << 63; }
static void rsp_noncanon(struct kframe *f)     { f->sc.rsp = NONCANONICAL + 0x1000; catch_stack_fault(f); }
static void rsp_kernel(struct kframe *f)       { f->sc.rsp = KERNEL_ADDR + 0x1000; }
static void fp_null(struct kframe *f)          { f->sc.fpstate = 0; }
static void fp_kernel(struct kframe *f)        { f->sc.fpstate = KERNEL_ADDR; }
static void fp_noncanon(struct kframe *f)      { f->sc.fpstate = NONCANONICAL; }
static void fp_unmapped(struct kframe *f)      { f->sc.fpstate = (uint64_t)no_page; }
static void fp_straddle(struct kframe *f)      { f->sc.fpstate = (uint64_t)last_page + 4096 - 256; }
static void fp_moved(struct kframe *f, int by)  { memmove(fxarea + by, fxarea, 512); f->sc.fpstate += by; }
static void fp_off8(struct kframe *f)          { fp_moved(f, 8); }
static void fp_off16(struct kframe *f)         { fp_moved(f, 16); }
static void mx_reserved(struct kframe *f)      { *(uint32_t *)(f->sc.fpstate + 24) |= 1u << 20; }
static void mx_high_bit(struct kframe *f)      { *(uint32_t *)(f->sc.fpstate + 24) |= 1u << 31; }
static void mx_round_zero(struct kframe *f)    { *(uint32_t *)(f->sc.fpstate + 24) = MXCSR_RZ; }
static void fx_all_ff(struct kframe *f)        { memset((void *)f->sc.fpstate, 0xff, 512); }
static void flags_garbage(struct kframe *f)    { f->uc_flags = 0xdeadbeefcafef00dUL; }
static void flags_all(struct kframe *f)        { f->uc_flags = ~0UL; }
static void mask_kill_stop(struct kframe *f)   { f->uc_sigmask = BIT(SIGKILL) | BIT(SIGSTOP) | BIT(SIGUSR1); }
static void mask_all(struct kframe *f)         { f->uc_sigmask = ~0UL; }

static const struct attack {
    const char *name;
    void (*forge)(struct kframe *f);
    int killed_by;                  // 0: the return succeeds
} attacks[] = {
    { "untouched frame", untouched, 0 },
    { "cs = kernel code 0x10", cs_kernel, SIGSEGV },
    { "cs = kernel data 0x18", cs_kernel_data, SIGSEGV },
    { "cs = user code with RPL 0 (0x30)", cs_rpl0, 0 },
    { "cs = null selector", cs_null, SIGSEGV },
    { "cs = user data 0x2b", cs_user_data, SIGSEGV },
    { "cs = 32-bit user code 0x23, rip at a ud2", cs_compat, SIGILL },
    { "ss = null selector", ss_null, SIGSEGV },
    { "ss = kernel data 0x18", ss_kernel, SIGSEGV },
    { "ss = kernel code 0x10", ss_kernel_code, SIGSEGV },
    { "ss = user data with RPL 0 (0x28)", ss_rpl0, 0 },
    { "ss = user code 0x33", ss_user_code, SIGSEGV },
    { "ss = null, uc_flags without STRICT_RESTORE_SS", ss_null_lax, 0 },
    { "ss = kernel data, uc_flags 0", ss_kernel_lax, 0 },
    { "eflags IOPL 3", fl_iopl3, 0 },
    { "eflags IF clear", fl_if_clear, 0 },
    { "eflags TF", fl_tf, SIGTRAP },
    { "eflags NT", fl_nt, 0 },
    { "eflags AC", fl_ac, 0 },
    { "eflags VM", fl_vm, 0 },
    { "eflags DF", fl_df, 0 },
    { "eflags all ones but TF", fl_all_but_tf, 0 },
    { "rip in the kernel half", rip_kernel, SIGSEGV },
    { "rip non-canonical (0x800000000000)", rip_noncanon, SIGSEGV },
    { "rip non-canonical (bit 63 only)", rip_top_bit, SIGSEGV },
    { "rsp non-canonical", rsp_noncanon, 0 },
    { "rsp in the kernel half", rsp_kernel, SIGSEGV },
    { "fpstate NULL", fp_null, 0 },
    { "fpstate in the kernel half", fp_kernel, SIGSEGV },
    { "fpstate non-canonical", fp_noncanon, SIGSEGV },
    { "fpstate unmapped", fp_unmapped, SIGSEGV },
    { "fpstate running into an unmapped page", fp_straddle, SIGSEGV },
    { "fpstate 8 bytes off 16-byte alignment", fp_off8, SIGSEGV },
    { "fpstate 16-byte but not 64-byte aligned", fp_off16, 0 },
    { "MXCSR reserved bit 20", mx_reserved, SIGSEGV },
    { "MXCSR bit 31", mx_high_bit, SIGSEGV },
    { "MXCSR round toward zero", mx_round_zero, 0 },
    { "fxsave image all 0xff", fx_all_ff, SIGSEGV },
    { "uc_flags garbage", flags_garbage, 0 },
    { "uc_flags all ones", flags_all, 0 },
    { "uc_sigmask with SIGKILL, SIGSTOP, SIGUSR1", mask_kill_stop, 0 },
    { "uc_sigmask all ones", mask_all, 0 },
};

// A clean fxsave image in fxarea: the FPU as this program has it, MXCSR at its
// default, the bytes fxsave leaves alone zero (so Linux does not take them for an
// xsave header's magic).
static void clean_fxsave_image(void)
{
    uint8_t img[512] __attribute__((aligned(16)));
    uint32_t mxcsr = MXCSR_DEFAULT;
    asm volatile("ldmxcsr %0" : : "m"(mxcsr));
    memset(img, 0, sizeof img);
    asm volatile("fxsave %0" : "=m"(img));
    memset(img + 464, 0, 48);
    memcpy(fxarea, img, sizeof img);
}

static void run_attack(const struct attack *a)
{
    int status;
    printf("%s:\n", a->name);
    pid_t pid = fork();
    if (pid == 0) {
        good_frame(&frame);
        a->forge(&frame);
        sigreturn_to(&frame);
        _exit(3);
    }
    waitpid(pid, &status, 0);
    const char *want = a->killed_by ? signame(a->killed_by) : "exit 0";
    if (strcmp(ending(status), want) == 0) {
        printf("  ends: %s: ok\n", want);
    } else {
        printf("  ends: FAIL expected %s got %s\n", want, ending(status));
        failures++;
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct rlimit nocore = { 0, 0 };
    setrlimit(RLIMIT_CORE, &nocore);

    uint8_t *pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    last_page = pages;
    no_page = pages + 4096;
    munmap(no_page, 2 * 4096);
    clean_fxsave_image();
    memcpy(last_page + 4096 - 256, fxarea, 256);

    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++)
        run_attack(&attacks[i]);
    return failures != 0;
}
