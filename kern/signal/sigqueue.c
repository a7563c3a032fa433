/*
 * The siginfo queue (ULK ch. 11, "Data Structures Associated with Signals": struct
 * sigqueue; Linux kernel/signal.c __sigqueue_alloc/__sigqueue_free).
 *
 * A pending set is a bit per signal plus a list of struct sigqueue, each holding one
 * siginfo. The entries come from one fixed pool for the whole machine, and each is
 * charged to the receiver's real uid against RLIMIT_SIGPENDING, so the limit - not the
 * pool - decides when sigqueue() says EAGAIN. send_signal (generate.c) takes entries;
 * dequeue_signal (deliver.c) and the flushes here give them back. A process has two
 * pending sets (signal.h: pending, shared_pending); the flushes empty both.
 */
#include "kern/signal/signal.h"
#include "kern/proc.h"

static struct sigqueue sigqueue_pool[NSIGQUEUE];
static struct sigqueue *sigqueue_free;

/* Queued siginfo per user, against RLIMIT_SIGPENDING: Linux charges each entry to
   the receiver's real uid (its ucounts), so one user's processes share one quota and
   cannot starve another user's. A slot whose count is 0 is free. */
#define SIGPENDING_USERS NPROC
static struct { uint32_t uid, queued; } sigpending_users[SIGPENDING_USERS];

/* uid's count, or NULL when every slot holds another user. */
static uint32_t *queued_by(uint32_t uid)
{
    uint32_t *unused = 0;
    for (int i = 0; i < SIGPENDING_USERS; i++) {
        if (sigpending_users[i].queued && sigpending_users[i].uid == uid)
            return &sigpending_users[i].queued;
        if (!sigpending_users[i].queued && !unused) {
            unused = &sigpending_users[i].queued;
            sigpending_users[i].uid = uid;
        }
    }
    return unused;
}

/* Thread every entry of the pool onto the free list (from kmain, before any signal). */
void signal_init(void)
{
    for (int i = 0; i < NSIGQUEUE; i++) {
        sigqueue_pool[i].next = sigqueue_free;
        sigqueue_free = &sigqueue_pool[i];
    }
}

/* An entry for a signal sent to p, charged to p's real uid; NULL when the pool is
   empty or the user is at RLIMIT_SIGPENDING (unless override_rlimit). */
struct sigqueue *sigqueue_alloc(struct proc *p, bool override_rlimit)
{
    uint32_t *queued = queued_by(p->cred.uid.real);
    if (!queued || (!override_rlimit && *queued + 1 > p->rlimit[RLIMIT_SIGPENDING].cur))
        return 0;
    struct sigqueue *q = sigqueue_free;
    if (!q)
        return 0;
    sigqueue_free = q->next;
    (*queued)++;
    q->user = p->cred.uid.real;
    q->next = 0;
    return q;
}

/* Back to the pool, and off its user's count. */
void sigqueue_release(struct sigqueue *q)
{
    uint32_t *queued = queued_by(q->user);
    if (queued && *queued)
        (*queued)--;
    q->next = sigqueue_free;
    sigqueue_free = q;
}

static void flush_queue(struct sigpending *pending)
{
    while (pending->head) {
        struct sigqueue *q = pending->head;
        pending->head = q->next;
        sigqueue_release(q);
    }
    pending->signal = 0;
}

/* Forget everything pending, in both queues (Linux flush_signals). */
void flush_signals(struct proc *p)
{
    flush_queue(&p->sig.pending);
    flush_queue(&p->sig.shared_pending);
}

static void flush_queue_mask(struct sigpending *pending, sigset_t mask)
{
    if (!(pending->signal & mask))
        return;
    pending->signal &= ~mask;
    for (struct sigqueue **qp = &pending->head; *qp;) {
        struct sigqueue *q = *qp;
        if (sigismember(mask, q->info.si_signo)) {
            *qp = q->next;
            sigqueue_release(q);
        } else {
            qp = &q->next;
        }
    }
}

/* Drop every pending instance of the signals in mask from both queues: SIGCONT
   against stop signals and back (generate.c), a handler set to SIG_IGN (sigaction).
   The caller recalculates sigpending if it must. */
void flush_sigqueue_mask(struct proc *p, sigset_t mask)
{
    flush_queue_mask(&p->sig.pending, mask);
    flush_queue_mask(&p->sig.shared_pending, mask);
}
