/*
 * Out of memory, as Linux's mm/oom_kill.c handles it, much simplified. Memory for user
 * pages is promised when a program maps it and given when first touched (demand
 * paging), so a page fault can find no free page. Failing the fault would punish
 * whichever process happened to touch memory next, init included. Instead the kernel
 * kills the process holding the most pages (never init), and the faulting process
 * waits and tries again; once the victim has exited its pages are free.
 */
#include "kern/oom.h"
#include "kern/proc.h"
#include "kern/printk.h"
#include "kern/signal/signal.h"

/* Already on its way out: SIGKILL pending or a fatal signal being acted on. */
static bool dying(struct proc *p)
{
    return sigismember(all_pending(&p->sig), SIGKILL) || p->sig.group_exit;
}

static bool killable(struct proc *p)
{
    return p != initproc && p->mm &&
           (p->state == RUNNABLE || p->state == RUNNING || p->state == SLEEPING ||
            p->state == STOPPED);
}

/* The killable process with the most resident pages (Linux's oom_badness, without
   the adjustments), or NULL. *waiting: a victim is already dying. */
static struct proc *select_bad_process(bool *waiting)
{
    struct proc *victim = 0;
    size_t most = 0;
    *waiting = false;
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        if (!killable(p))
            continue;
        if (dying(p)) {
            *waiting = true;
            return 0;
        }
        size_t pages = mm_rss(p->mm);
        if (pages > most) {
            most = pages;
            victim = p;
        }
    }
    return victim;
}

bool out_of_memory(void)
{
    bool waiting;
    struct proc *victim = select_bad_process(&waiting);
    if (waiting)
        return true;
    if (!victim)
        return false;
    printk("oom: out of memory: killed %s[%d], which held %lu pages\n", victim->name,
           victim->pid, mm_rss(victim->mm));
    send_signal_from(SIGKILL, victim, 0);
    return true;
}
