/*
 * sigtrace (trace.c): with "sigtrace" on the kernel command line, each step of a
 * signal's life is one line of the kernel log. The generic code calls these at the
 * points ULK ch. 11 names: generation, dequeue, the default actions, frame setup,
 * sigreturn and the restart decision; also POSIX timers and signalfd reads.
 *
 * "sigtrace=detail" (what tools/sigview reads) adds, for a timeline: each line's
 * guest time and the pid that was running, "sigtrace: [SECONDS pid N] ...", and
 * "sigdetail: " lines with the values a picture of the frame needs (registers,
 * ucontext, siginfo) after each frame and around each sigreturn. The plain trace
 * stays as it was: tests/trace compare it, and these values change with every build.
 */
#ifndef KERN_SIGNAL_TRACE_H
#define KERN_SIGNAL_TRACE_H

#include "kern/signal/signal.h"

struct proc;
struct trapframe;

extern bool sigtrace_enabled;
extern bool sigtrace_detail;
void sigtrace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *signame(int sig);

/* what: "pending", "discarded (ignored)", ... */
void sigtrace_generate(int sig, const struct ksiginfo *info, struct proc *p, const char *what);
/* what: "dequeue", "stop", "terminate", "sigwait", ... */
void sigtrace_event(const char *what, int sig, const struct proc *p);
void sigtrace_restart(long nr, long ret, const char *decision);
void sigtrace_timer(const struct proc *p, int id, int sig, int overrun, bool queued);
void sigtrace_frame(int sig, const struct k_sigaction *ka, uint64_t frame, uint64_t fpstate,
                    const struct trapframe *tf, bool on_altstack);
void sigtrace_signalfd(int sig, const struct ksiginfo *info, const struct proc *p);
void sigtrace_sigreturn(const struct trapframe *tf, sigset_t mask, bool ok);
/* sigtrace=detail: the registers rt_sigreturn was called with, before it restores any. */
void sigtrace_sigreturn_entry(const struct trapframe *tf);

#endif
