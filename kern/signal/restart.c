/*
 * System call restart (ULK ch. 11, "Reexecution of System Calls"; Linux
 * arch/x86/kernel/signal.c handle_signal and arch_do_signal_or_restart).
 *
 * A blocking system call that a signal interrupts returns one of four kernel-only
 * codes; what the process finally sees depends on what happens to the signal:
 *
 *   returned               no handler ran     handler, no SA_RESTART   handler, SA_RESTART
 *   -ERESTARTSYS           restart            EINTR                    restart
 *   -ERESTARTNOINTR        restart            restart                  restart
 *   -ERESTARTNOHAND        restart            EINTR                    EINTR
 *   -ERESTART_RESTARTBLOCK restart_syscall    EINTR                    EINTR
 *
 * "restart" re-executes the same system call: back up over the syscall instruction
 * and put the number back in rax. restart_syscall(2) instead continues the call from
 * the state saved in the restart block (the time left for nanosleep).
 */
#include "kern/signal/signal.h"
#include "kern/signal/trace.h"
#include "kern/signal/syscall_x86_64.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/syscall.h"

/* A signal handler is about to run: fix up the interrupted system call's result. */
void restart_before_handler(struct trapframe *tf, const struct k_sigaction *ka)
{
    /* LAB 5: BEGIN SOLUTION */
    long nr = syscall_get_nr(tf);
    if (nr < 0)
        return;     /* not in a system call */
    long ret = syscall_get_return(tf);
    switch (ret) {
    case -ERESTART_RESTARTBLOCK:
    case -ERESTARTNOHAND:
        syscall_set_return(tf, -EINTR);
        sigtrace_restart(nr, ret, "handler: EINTR");
        break;
    case -ERESTARTSYS:
        if (!(ka->flags & SA_RESTART)) {
            syscall_set_return(tf, -EINTR);
            sigtrace_restart(nr, ret, "handler without SA_RESTART: EINTR");
            break;
        }
        syscall_rewind(tf, nr);
        sigtrace_restart(nr, ret, "handler with SA_RESTART: restart");
        break;
    case -ERESTARTNOINTR:
        syscall_rewind(tf, nr);
        sigtrace_restart(nr, ret, "restart");
        break;
    }
    /* LAB 5: END SOLUTION */
    /* LAB 5: STUB
    // Never restart: every interrupted call fails with EINTR.
    (void)ka;
    long ret = syscall_get_return(tf);
    if (syscall_get_nr(tf) >= 0 && ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK)
        syscall_set_return(tf, -EINTR);
    */
}

/* No handler ran (the signal was ignored, or stopped and continued us): every
   interrupted call resumes as if nothing happened. */
void restart_without_handler(struct trapframe *tf)
{
    /* LAB 5: BEGIN SOLUTION */
    long nr = syscall_get_nr(tf);
    if (nr < 0)
        return;
    long ret = syscall_get_return(tf);
    switch (ret) {
    case -ERESTARTNOHAND:
    case -ERESTARTSYS:
    case -ERESTARTNOINTR:
        syscall_rewind(tf, nr);
        sigtrace_restart(nr, ret, "no handler: restart");
        break;
    case -ERESTART_RESTARTBLOCK:
        syscall_rewind(tf, NR_restart_syscall);
        sigtrace_restart(nr, ret, "no handler: restart_syscall");
        break;
    }
    /* LAB 5: END SOLUTION */
    /* LAB 5: STUB
    // Never restart: every interrupted call fails with EINTR.
    long ret = syscall_get_return(tf);
    if (syscall_get_nr(tf) >= 0 && ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK)
        syscall_set_return(tf, -EINTR);
    */
}

/* restart_syscall(2): only ever called by the rewind above. */
long sys_restart_syscall(void)
{
    struct restart_block *rb = &current()->sig.restart;
    long (*fn)(struct restart_block *) = rb->fn;
    rb->fn = 0;
    return fn ? fn(rb) : -EINTR;
}
