/*
 * sigtrace, x86-64 part: the rt_sigframe as a picture of the user stack and the
 * registers a sigreturn resumes with. Only this half of sigtrace knows register
 * names and the frame's layout (frame_x86_64.h); trace.c calls it.
 */
#include "kern/signal/trace_x86_64.h"
#include "kern/signal/frame_x86_64.h"
#include "kern/proc.h"
#include "kern/printk.h"
#include "kern/fmt.h"
#include "kern/uaccess.h"

void sigtrace_arch_return_point(char *buf, size_t size, const struct trapframe *tf)
{
    snprintf(buf, size, "rip %#lx rsp %#lx rax %ld", tf->rip, tf->rsp, (long)tf->rax);
}

uint64_t sigtrace_arch_sigreturn_frame(const struct trapframe *tf)
{
    return tf->rsp - 8;     /* the handler's ret popped pretcode */
}

/* The frame as it now sits on the user stack, highest address first. */
void sigtrace_arch_frame_picture(const struct k_sigaction *ka, uint64_t frame, uint64_t fpstate,
                                 const struct trapframe *tf)
{
    uint64_t info = frame + offsetof(struct rt_sigframe, info);
    uint64_t uc = frame + offsetof(struct rt_sigframe, uc);
    uint64_t sc = uc + offsetof(struct ucontext_x86_64, uc_mcontext);
    printk("    %016lx  interrupted rsp (rip %#lx); 128-byte red zone below\n", tf->rsp, tf->rip);
    printk("    %016lx  +--------------------------------+\n", fpstate + FPSTATE_SIZE);
    printk("                      | fxsave area (512 bytes)        |\n");
    printk("    %016lx  +--------------------------------+ <- uc_mcontext.fpstate\n", fpstate);
    printk("                      | (alignment padding)            |\n");
    printk("    %016lx  +--------------------------------+\n", frame + sizeof(struct rt_sigframe));
    printk("                      | %-31s|\n", (ka->flags & SA_SIGINFO) ?
           "siginfo (128 bytes)" : "siginfo (128 bytes, unwritten)");
    printk("    %016lx  +--------------------------------+ <- rsi = &info\n", info);
    printk("                      | uc_sigmask (mask to restore)   |\n");
    printk("    %016lx  | uc_mcontext (sigcontext, 256)  |\n", sc);
    printk("                      | uc_stack, uc_link, uc_flags    |\n");
    printk("    %016lx  +--------------------------------+ <- rdx = &uc\n", uc);
    printk("                      | pretcode = %#-20lx|\n",
           (ka->flags & SA_RESTORER) ? ka->restorer : TRAMPOLINE_ADDR);
    printk("    %016lx  +--------------------------------+ <- rsp at handler entry (%% 16 == %lu)\n",
           frame, frame % 16);
}

void sigtrace_arch_regs(const char *when, const struct trapframe *tf)
{
    printk("sigdetail: regs %s pid %d: rip %#lx rsp %#lx rax %#lx rbx %#lx rcx %#lx "
           "rdx %#lx rsi %#lx rdi %#lx rbp %#lx r8 %#lx r9 %#lx r10 %#lx r11 %#lx r12 %#lx "
           "r13 %#lx r14 %#lx r15 %#lx rflags %#lx cs %#lx ss %#lx\n", when, current()->pid,
           tf->rip, tf->rsp, tf->rax, tf->rbx, tf->rcx, tf->rdx, tf->rsi, tf->rdi, tf->rbp,
           tf->r8, tf->r9, tf->r10, tf->r11, tf->r12, tf->r13, tf->r14, tf->r15, tf->rflags,
           tf->cs, tf->ss);
}

/* What the handler will find: read back from the user stack, so the picture shows the
   bytes as they are there, not as we meant them (the copy out succeeded just now). */
void sigtrace_arch_frame_values(uint64_t frame, uint64_t fpstate, const struct trapframe *tf)
{
    struct rt_sigframe f;
    int pid = current()->pid;
    if (copy_from_user(&f, frame, sizeof(f)) < 0)
        return;
    const struct ucontext_x86_64 *uc = &f.uc;
    const struct sigcontext_x86_64 *sc = &uc->uc_mcontext;
    printk("sigdetail: frame pid %d: frame %#lx size %lu fpstate %#lx fpsize %d redzone %d "
           "rsp %#lx\n", pid, frame, sizeof(f), fpstate, FPSTATE_SIZE, REDZONE_SIZE, tf->rsp);
    printk("sigdetail: ucontext pid %d: pretcode %#lx uc_flags %#lx uc_link %#lx ss_sp %#lx "
           "ss_flags %d ss_size %#lx uc_sigmask %#lx\n", pid, f.pretcode, uc->uc_flags,
           uc->uc_link, uc->uc_stack.ss_sp, uc->uc_stack.ss_flags, uc->uc_stack.ss_size,
           uc->uc_sigmask);
    printk("sigdetail: sigcontext pid %d: err %#lx trapno %#lx oldmask %#lx cr2 %#lx "
           "fpstate %#lx\n", pid, sc->err, sc->trapno, sc->oldmask, sc->cr2, sc->fpstate);
    const uint32_t *si = (const uint32_t *)&f.info;
    printk("sigdetail: siginfo pid %d: si_signo %d si_errno %d si_code %d word3 %#x word4 %#x "
           "word5 %#x word6 %#x\n", pid, (int)si[0], (int)si[1], (int)si[2], si[3], si[4],
           si[5], si[6]);
    sigtrace_arch_regs("saved", tf);
}
