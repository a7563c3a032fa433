/*
 * What fork, execve and exit do to a process's signal state (Linux copy_process,
 * flush_signal_handlers, exit_signals).
 */
#include "kern/signal/signal.h"
#include "kern/proc.h"
#include "kern/string.h"

/* fork: the child gets the handlers, the mask and the alternate stack; no pending
   signals, no timers. */
void signal_fork(struct proc *child, struct proc *parent)
{
    memset(&child->sig, 0, sizeof(child->sig));
    memcpy(child->sig.action, parent->sig.action, sizeof(child->sig.action));
    child->sig.blocked = parent->sig.blocked;
    child->sig.altstack = parent->sig.altstack;
    memcpy(child->rlimit, parent->rlimit, sizeof(child->rlimit));
}

/* execve: handlers point into the old program, so they go back to SIG_DFL; ignored
   signals stay ignored; the mask, pending signals and interval timers survive; POSIX
   timers are deleted. The alternate stack was in the old address space. */
void signal_exec(struct proc *p)
{
    for (int i = 0; i < NSIG; i++) {
        struct k_sigaction *ka = &p->sig.action[i];
        if (ka->handler != SIG_IGN)
            ka->handler = SIG_DFL;
        ka->flags = 0;
        ka->restorer = 0;
        ka->mask = 0;
    }
    p->sig.altstack = (struct altstack){ 0, 0, 0 };
    posix_timers_exit(p);       /* POSIX timers do not survive exec (itimers do) */
}

void signal_exit(struct proc *p)
{
    posix_timers_exit(p);
    flush_signals(p);
    p->sig.itimer_deadline_ns = 0;
    p->sig.sigpending = false;
}
