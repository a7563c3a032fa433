/*
 * The way back to user mode. prepare_exit_to_user() runs on every return to ring 3:
 * after a system call (syscall_dispatch calls it last), and after an interrupt or an
 * exception and for a new process's first run (entry.S's return_to_user calls it).
 * It is the one place where the kernel looks at the process once more before it runs
 * user code again; Linux calls its version exit_to_user_mode_prepare.
 */
#include "kern/trap/traps.h"
#include "kern/memlayout.h"
#include "kern/gdt.h"
#include "kern/proc.h"
#include "kern/x86.h"
#include "kern/panic.h"

/* sysretq loads rip from rcx and rflags from r11 and is cheaper than iretq, but it can
   only restore a frame in which they agree, with user selectors, and a canonical rip
   (Intel CPUs fault in ring 0 on a non-canonical one: a classic exploit). */
static bool can_sysret(const struct trapframe *tf)
{
    return tf->vector == TRAP_SYSCALL && tf->rcx == tf->rip && tf->r11 == tf->rflags &&
           tf->cs == USER_CS && tf->ss == USER_DS && tf->rip < USER_TOP &&
           !(tf->rflags & (X86_EFLAGS_RF | X86_EFLAGS_TF));
}

/*
 * Each round of do_signal delivers or discards one signal, so the rounds are bounded by
 * what can be pending: every queue entry and every signal number, and a few extra (a
 * frame that cannot be built becomes a SIGSEGV). More means sigpending stays set with
 * nothing to do: a broken invariant in labs 1-2, which would otherwise hang the machine.
 */
#define SIGNAL_ROUNDS_MAX (2 * (NSIGQUEUE + NSIG))

/* The last steps back, once no signal needs attention: close the kernel's stretch of
   CPU time, and choose sysretq or iretq. */
static inline int finish_exit_to_user(struct trapframe *tf)
{
    cputime_exit_kernel(&current()->usage);
    return can_sysret(tf);
}

/* Out of line: the common way back, with nothing pending, then saves no registers. */
static __attribute__((noinline)) int deliver_pending_signals(struct trapframe *tf)
{
    for (int rounds = 0; signal_pending(current()); rounds++) {
        if (rounds == SIGNAL_ROUNDS_MAX)
            panic("prepare_exit_to_user: %s[%d] still has sigpending set after %d rounds of "
                  "do_signal; pending %#lx, blocked %#lx. Does recalc_sigpending clear it "
                  "when no unblocked signal is pending (lab 1), and does get_signal dequeue "
                  "every signal it acts on (lab 2)?", current()->name, current()->pid,
                  SIGNAL_ROUNDS_MAX, all_pending(&current()->sig), current()->sig.blocked);
        do_signal(tf);
    }
    return finish_exit_to_user(tf);
}

int prepare_exit_to_user(struct trapframe *tf)
{
    /* Signal delivery: while a signal needs attention, do_signal() acts on one (and
       may build a handler frame, changing *tf). A second pending signal gets its
       frame on top of the first: its handler runs first (Linux does the same).
       (The flag signal_pending() returns, read here without the call: every
       system call passes this way.) */
    if (current()->sig.sigpending)
        return deliver_pending_signals(tf);
    return finish_exit_to_user(tf);
}
