/*
 * The siginfo queue (ULK ch. 11, "Data Structures Associated with Signals": struct
 * sigqueue; Linux kernel/signal.c __sigqueue_alloc/__sigqueue_free).
 *
 * A pending set is a bit per signal plus a list of struct sigqueue, each holding one
 * siginfo. The entries come from a fixed pool for the whole machine and, once that is
 * used up, from pages of their own (Linux takes them from a slab cache: memory, not a
 * table, is the bound). Each is charged to the receiver's real uid against
 * RLIMIT_SIGPENDING, so the limit - not the pool - decides when sigqueue() says EAGAIN.
 * send_signal (generate.c) takes entries; dequeue_signal (deliver.c) and the flushes
 * here give them back. A process has two pending sets (signal.h: pending,
 * shared_pending); the flushes empty both.
 */
#include "kern/signal/signal.h"
#include "kern/proc.h"
#include "kern/pmm.h"
#include "kern/mmu.h"

static struct sigqueue sigqueue_pool[NSIGQUEUE];
static struct sigqueue *sigqueue_free;

/* An overflow page: a header, then entries. A page goes back to the page allocator
   as soon as its last entry comes back, so once the signals are gone the free-page
   count is what it was (the leak checks compare it). */
struct sigqueue_page {
    struct sigqueue_page *next;     /* on overflow_partial while it has free entries */
    struct sigqueue *free;          /* its entries not in use */
    int used;
    struct sigqueue entries[];
};
#define ENTRIES_PER_PAGE ((PAGE_SIZE - sizeof(struct sigqueue_page)) / sizeof(struct sigqueue))

static struct sigqueue_page *overflow_partial;  /* pages with a free entry; full ones
                                                   are found from their entries */

/* Queued siginfo per user, against RLIMIT_SIGPENDING: Linux charges each entry to
   the receiver's real uid (its ucounts), so one user's processes share one quota and
   cannot starve another user's. Only users with entries queued have a slot, and they
   fill the first nusers slots: a lookup scans those alone (on a send, usually one). */
#define SIGPENDING_USERS NPROC
static struct { uint32_t uid, queued; } sigpending_users[SIGPENDING_USERS];
static int nusers;

/* uid's slot, or -1 when it has nothing queued. */
static int user_slot(uint32_t uid)
{
    for (int i = 0; i < nusers; i++)
        if (sigpending_users[i].uid == uid)
            return i;
    return -1;
}

/* One more entry for uid; false when every slot holds another user. */
static bool charge(uint32_t uid)
{
    int i = user_slot(uid);
    if (i < 0) {
        if (nusers == SIGPENDING_USERS)
            return false;
        i = nusers++;
        sigpending_users[i].uid = uid;
        sigpending_users[i].queued = 0;
    }
    sigpending_users[i].queued++;
    return true;
}

/* One entry fewer; a user with none left gives its slot to the last one. */
static void uncharge(uint32_t uid)
{
    int i = user_slot(uid);
    if (i >= 0 && --sigpending_users[i].queued == 0)
        sigpending_users[i] = sigpending_users[--nusers];
}

static uint32_t queued_by(uint32_t uid)
{
    int i = user_slot(uid);
    return i < 0 ? 0 : sigpending_users[i].queued;
}

/* Thread every entry of the pool onto the free list (from kmain, before any signal). */
void signal_init(void)
{
    for (int i = 0; i < NSIGQUEUE; i++) {
        sigqueue_pool[i].next = sigqueue_free;
        sigqueue_free = &sigqueue_pool[i];
    }
}

static bool in_pool(const struct sigqueue *q)
{
    return q >= sigqueue_pool && q < sigqueue_pool + NSIGQUEUE;
}

static struct sigqueue_page *page_of(struct sigqueue *q)
{
    return (struct sigqueue_page *)((uintptr_t)q & ~(PAGE_SIZE - 1));
}

/* An entry from an overflow page, taking a new page if none has room; NULL when no
   page is left (send_signal then says EAGAIN, as Linux does when its cache fails). */
static struct sigqueue *overflow_alloc(void)
{
    struct sigqueue_page *pg = overflow_partial;
    if (!pg) {
        pg = page_alloc();
        if (!pg)
            return 0;
        for (size_t i = 0; i < ENTRIES_PER_PAGE; i++) {
            pg->entries[i].next = pg->free;
            pg->free = &pg->entries[i];
        }
        overflow_partial = pg;
    }
    struct sigqueue *q = pg->free;
    pg->free = q->next;
    pg->used++;
    if (!pg->free)
        overflow_partial = pg->next;    /* full: off the list until an entry returns */
    return q;
}

static void overflow_release(struct sigqueue *q)
{
    struct sigqueue_page *pg = page_of(q);
    if (!pg->free) {                    /* it was full: it has room again */
        pg->next = overflow_partial;
        overflow_partial = pg;
    }
    q->next = pg->free;
    pg->free = q;
    if (--pg->used > 0)
        return;
    for (struct sigqueue_page **pp = &overflow_partial; *pp; pp = &(*pp)->next) {
        if (*pp == pg) {
            *pp = pg->next;
            break;
        }
    }
    page_free(pg);
}

/* An entry for a signal sent to p, charged to p's real uid; NULL when memory has run
   out or the user is at RLIMIT_SIGPENDING (unless override_rlimit). */
struct sigqueue *sigqueue_alloc(struct proc *p, bool override_rlimit)
{
    uint32_t uid = p->cred.uid.real;
    if (!override_rlimit && queued_by(uid) + 1 > p->rlimit[RLIMIT_SIGPENDING].cur)
        return 0;
    struct sigqueue *q = sigqueue_free;
    if (!charge(uid))
        return 0;
    if (q) {
        sigqueue_free = q->next;
    } else if (!(q = overflow_alloc())) {
        uncharge(uid);
        return 0;
    }
    q->user = uid;
    q->next = 0;
    return q;
}

/* Back to the pool, and off its user's count. */
void sigqueue_release(struct sigqueue *q)
{
    uncharge(q->user);
    if (!in_pool(q)) {
        overflow_release(q);
        return;
    }
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
