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
