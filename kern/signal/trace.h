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

/* trace.c's printers, one per hook below. */
void trace_generate(int sig, const struct ksiginfo *info, struct proc *p, const char *what);
void trace_event(const char *what, int sig, const struct proc *p);
void trace_restart(long nr, long ret, const char *decision);
void trace_timer(const struct proc *p, int id, int sig, int overrun, bool queued);
void trace_frame(int sig, const struct k_sigaction *ka, uint64_t frame, uint64_t fpstate,
                 const struct trapframe *tf, bool on_altstack);
void trace_signalfd(int sig, const struct ksiginfo *info, const struct proc *p);
void trace_sigreturn(const struct trapframe *tf, sigset_t mask, bool ok);
void trace_sigreturn_entry(const struct trapframe *tf);

/*
 * The hooks. Every signal passes several of them, so each is inline and asks
 * sigtrace_enabled first: with tracing off (the usual case) a hook costs its caller a
 * load and a branch, and nothing behind it runs, not even the call
 * (tests/unit/test_sigtrace_off.c checks that).
 */

/* what: "pending", "discarded (ignored)", ... */
static inline void sigtrace_generate(int sig, const struct ksiginfo *info, struct proc *p,
                                     const char *what)
{
    if (sigtrace_enabled)
        trace_generate(sig, info, p, what);
}

/* what: "dequeue", "stop", "terminate", "sigwait", ... */
static inline void sigtrace_event(const char *what, int sig, const struct proc *p)
{
    if (sigtrace_enabled)
        trace_event(what, sig, p);
}

static inline void sigtrace_restart(long nr, long ret, const char *decision)
{
    if (sigtrace_enabled)
        trace_restart(nr, ret, decision);
}

static inline void sigtrace_timer(const struct proc *p, int id, int sig, int overrun,
                                  bool queued)
{
    if (sigtrace_enabled)
        trace_timer(p, id, sig, overrun, queued);
}

static inline void sigtrace_frame(int sig, const struct k_sigaction *ka, uint64_t frame,
                                  uint64_t fpstate, const struct trapframe *tf,
                                  bool on_altstack)
{
    if (sigtrace_enabled)
        trace_frame(sig, ka, frame, fpstate, tf, on_altstack);
}

static inline void sigtrace_signalfd(int sig, const struct ksiginfo *info,
                                     const struct proc *p)
{
    if (sigtrace_enabled)
        trace_signalfd(sig, info, p);
}

static inline void sigtrace_sigreturn(const struct trapframe *tf, sigset_t mask, bool ok)
{
    if (sigtrace_enabled)
        trace_sigreturn(tf, mask, ok);
}

/* sigtrace=detail: the registers rt_sigreturn was called with, before it restores any. */
static inline void sigtrace_sigreturn_entry(const struct trapframe *tf)
{
    if (sigtrace_enabled)
        trace_sigreturn_entry(tf);
}

#endif
