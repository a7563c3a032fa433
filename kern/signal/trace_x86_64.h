/*
 * sigtrace's x86-64 half (trace_x86_64.c): the parts of a trace line that name
 * registers or know the rt_sigframe's layout. trace.c writes the generic part of
 * each line and calls these for the rest.
 */
#ifndef KERN_SIGNAL_TRACE_X86_64_H
#define KERN_SIGNAL_TRACE_X86_64_H

#include "kern/types.h"
#include "kern/signal/signal.h"

struct trapframe;

/* The rt_sigframe just built at frame, drawn as a stack, highest address first. */
void sigtrace_arch_frame_picture(const struct k_sigaction *ka, uint64_t frame, uint64_t fpstate,
                                 const struct trapframe *tf);
/* "rip 0x... rsp 0x... rax N": where a successful sigreturn resumes. */
void sigtrace_arch_return_point(char *buf, size_t size, const struct trapframe *tf);
/* The frame address rt_sigreturn read (its rsp, past the popped pretcode). */
uint64_t sigtrace_arch_sigreturn_frame(const struct trapframe *tf);
/* sigtrace=detail: "sigdetail: regs WHEN pid N: rip 0x... ...", every user register. */
void sigtrace_arch_regs(const char *when, const struct trapframe *tf);
/* sigtrace=detail: the frame's fields as written (read back from the user stack). */
void sigtrace_arch_frame_values(uint64_t frame, uint64_t fpstate, const struct trapframe *tf);

#endif
