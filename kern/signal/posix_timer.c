/*
 * POSIX timers (Linux kernel/time/posix-timers.c): timer_create, timer_settime,
 * timer_gettime, timer_getoverrun, timer_delete. A process may have POSIX_TIMER_MAX of
 * them, each on a clock of its own (wall, monotonic, boot, or the process's CPU time),
 * one-shot or periodic, with a signal of its choice (SIGEV_SIGNAL) or none
 * (SIGEV_NONE: the timer is only read with timer_gettime).
 *
 * A timer has at most one signal queued at a time, like Linux's preallocated sigqueue:
 * while its signal is still pending, further expirations are only counted, in the
 * queued siginfo's si_overrun; timer_getoverrun reports the count the last delivered
 * signal carried. The 100 Hz tick checks the deadlines, so a timer fires at the first
 * tick after it expires; expirations missed between ticks count as overruns.
 */
#include "kern/signal/posix_timer.h"
#include "kern/signal/signal.h"
#include "kern/proc.h"
#include "kern/timer.h"
#include "kern/timespec.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/syscall.h"
#include "kern/signal/trace.h"

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_BOOTTIME           7

#define SIGEV_SIGNAL    0
#define SIGEV_NONE      1
#define SIGEV_THREAD_ID 4

#define TIMER_ABSTIME   1

/* struct sigevent as the kernel reads it (64 bytes; the rest is padding). */
struct sigevent_k {
    uint64_t value;
    int32_t signo;
    int32_t notify;
    int32_t tid;
    int32_t pad[11];
};

struct itimerspec_k {
    struct timespec_k it_interval, it_value;
};

static bool cpu_clock(int clock)
{
    return clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID;
}

static bool clock_valid(int clock)
{
    return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_BOOTTIME ||
           cpu_clock(clock);
}

static uint64_t clock_now(struct proc *p, int clock)
{
    if (cpu_clock(clock))
        return cputime_total_ns(p);
    return clock == CLOCK_REALTIME ? realtime_ns() : clock_ns();
}

static struct k_itimer *timer_of(struct proc *p, int id)
{
    if (id < 0 || id >= POSIX_TIMER_MAX || !p->posix_timers[id].used)
        return 0;
    return &p->posix_timers[id];
}

/* The timer's signal, if it is still pending (queued, not yet dequeued). Timer
   signals are sent to the process, so they wait in the shared queue. */
static struct sigqueue *queued_signal(struct proc *p, int id)
{
    const struct k_itimer *t = &p->posix_timers[id];
    for (struct sigqueue *q = p->sig.shared_pending.head; q; q = q->next)
        if (q->info.si_code == SI_TIMER && q->info.timer.tid == id && q->info.si_signo == t->signo)
            return q;
    return 0;
}

/* ---- expiry ---- */

static void send_timer_signal(struct proc *p, int id, int overrun)
{
    struct k_itimer *t = &p->posix_timers[id];
    struct sigqueue *q = queued_signal(p, id);
    if (q) {
        q->info.timer.overrun += 1 + overrun;   /* still pending: just count */
        t->overrun += 1 + overrun;
        sigtrace_timer(p, id, t->signo, t->overrun, false);
        return;
    }
    t->overrun_delivered = t->overrun;          /* the previous one was delivered */
    t->overrun = overrun;
    struct ksiginfo info = { .si_signo = t->signo, .si_code = SI_TIMER };
    info.timer.tid = id;
    info.timer.overrun = overrun;
    info.timer.value = t->value;
    sigtrace_timer(p, id, t->signo, overrun, true);
    send_signal(t->signo, &info, p, PIDTYPE_TGID);   /* the process's */
}

/* The timer is due at now: re-arm it (a periodic one skips the periods the tick
   missed, counting them as overruns) and signal. */
static void timer_fire(struct proc *p, int id, uint64_t now)
{
    struct k_itimer *t = &p->posix_timers[id];
    int missed = 0;
    if (t->interval_ns) {
        t->deadline_ns += t->interval_ns;
        if (t->deadline_ns <= now) {
            uint64_t behind = (now - t->deadline_ns) / t->interval_ns + 1;
            missed = behind > 0x7fffffff ? 0x7fffffff : (int)behind;
            t->deadline_ns += behind * t->interval_ns;
        }
    } else {
        t->deadline_ns = 0;
    }
    if (t->notify == SIGEV_SIGNAL)
        send_timer_signal(p, id, missed);
}

static void check_timers(struct proc *p, bool cpu_clocks)
{
    for (int id = 0; id < POSIX_TIMER_MAX; id++) {
        struct k_itimer *t = &p->posix_timers[id];
        if (!t->used || !t->deadline_ns || cpu_clock(t->clock) != cpu_clocks)
            continue;
        uint64_t now = clock_now(p, t->clock);
        if (now >= t->deadline_ns)
            timer_fire(p, id, now);
    }
}

void posix_timers_tick(uint64_t now_ns)
{
    (void)now_ns;   /* each timer reads its own clock */
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state != UNUSED && p->state != ZOMBIE)
            check_timers(p, false);
}

void posix_timers_cpu_tick(struct proc *p)
{
    check_timers(p, true);
}

/* ---- deleting ---- */

/* A deleted timer's pending signal goes with it (as on Linux 6.x). This unlinks by
   hand rather than through deliver.c's unqueue_info because that one is lab 2's
   exercise: in a handout it is a stub, and timer_delete must work there too. */
static void drop_queued_signal(struct proc *p, int id)
{
    struct sigqueue *q = queued_signal(p, id);
    if (!q)
        return;
    int sig = q->info.si_signo;
    struct sigqueue **link = &p->sig.shared_pending.head;
    while (*link != q)
        link = &(*link)->next;
    *link = q->next;
    sigqueue_release(q);
    bool more = false;
    for (struct sigqueue *r = p->sig.shared_pending.head; r; r = r->next)
        more |= r->info.si_signo == sig;
    if (!more)
        sigdelset(&p->sig.shared_pending.signal, sig);
    recalc_sigpending(p);
}

static void timer_delete(struct proc *p, int id)
{
    drop_queued_signal(p, id);
    p->posix_timers[id] = (struct k_itimer){ 0 };
}

void posix_timers_exit(struct proc *p)
{
    for (int id = 0; id < POSIX_TIMER_MAX; id++)
        if (p->posix_timers[id].used)
            timer_delete(p, id);
}

/* ---- the system calls ---- */

static long read_sigevent(struct proc *p, int id, uint64_t uevent, struct k_itimer *t)
{
    struct sigevent_k ev = { .value = id, .signo = SIGALRM, .notify = SIGEV_SIGNAL };
    if (uevent && copy_from_user(&ev, uevent, sizeof(ev)) < 0)
        return -EFAULT;
    if (ev.notify == (SIGEV_THREAD_ID | SIGEV_SIGNAL)) {
        if (ev.tid != p->pid)
            return -EINVAL;     /* only the caller's own thread exists */
        ev.notify = SIGEV_SIGNAL;
    }
    if (ev.notify != SIGEV_SIGNAL && ev.notify != SIGEV_NONE)
        return -EINVAL;
    if (ev.notify == SIGEV_SIGNAL && (ev.signo < 1 || ev.signo > NSIG))
        return -EINVAL;
    t->notify = ev.notify;
    t->signo = ev.signo;
    t->value = ev.value;
    return 0;
}

/*
 * glibc's timer_create passes its CPU-time clocks named by pid (kern/cputime.h), with
 * which SCHED, what CLOCK_PROCESS_CPUTIME_ID counts. Timers run on the caller's own
 * clocks only, so those map to the plain ids (anything else: -1).
 */
static int own_cpu_clock(struct proc *p, int clock)
{
    if (clock >= 0)
        return clock;
    struct cpu_clock_name c = cpu_clock_name(clock);
    if (c.which != CPUCLOCK_SCHED || (c.pid != 0 && c.pid != p->pid))
        return -1;
    return c.thread ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID;
}

long sys_timer_create(int clock, uint64_t uevent, uint64_t uid)
{
    struct proc *p = current();
    clock = own_cpu_clock(p, clock);
    if (!clock_valid(clock))
        return -EINVAL;
    int id = 0;
    while (id < POSIX_TIMER_MAX && p->posix_timers[id].used)
        id++;
    if (id == POSIX_TIMER_MAX)
        return -EAGAIN;
    struct k_itimer t = { .used = true, .clock = clock };
    long err = read_sigevent(p, id, uevent, &t);
    if (err < 0)
        return err;
    int32_t id32 = id;
    if (copy_to_user(uid, &id32, sizeof(id32)) < 0)
        return -EFAULT;
    p->posix_timers[id] = t;
    return 0;
}

static struct itimerspec_k timer_value(struct proc *p, const struct k_itimer *t)
{
    struct itimerspec_k v = { .it_interval = ns_to_timespec(t->interval_ns) };
    if (t->deadline_ns) {
        uint64_t now = clock_now(p, t->clock);
        v.it_value = ns_to_timespec(t->deadline_ns > now ? t->deadline_ns - now : 1);
    }
    return v;
}

long sys_timer_settime(int id, int flags, uint64_t unew, uint64_t uold)
{
    struct proc *p = current();
    struct k_itimer *t = timer_of(p, id);
    struct itimerspec_k v;
    if (!t)
        return -EINVAL;
    if (!unew)
        return -EINVAL;
    if (copy_from_user(&v, unew, sizeof(v)) < 0)
        return -EFAULT;
    if (!timespec_valid(v.it_value) || !timespec_valid(v.it_interval))
        return -EINVAL;
    struct itimerspec_k old = timer_value(p, t);
    uint64_t value = timespec_to_ns(v.it_value);
    if (!value)
        t->deadline_ns = 0;
    else if (flags & TIMER_ABSTIME)
        t->deadline_ns = value;
    else
        t->deadline_ns = clock_now(p, t->clock) + value;
    t->interval_ns = value ? timespec_to_ns(v.it_interval) : 0;
    t->overrun = t->overrun_delivered = 0;
    if (uold && copy_to_user(uold, &old, sizeof(old)) < 0)
        return -EFAULT;
    return 0;
}

long sys_timer_gettime(int id, uint64_t ucur)
{
    struct proc *p = current();
    struct k_itimer *t = timer_of(p, id);
    if (!t)
        return -EINVAL;
    struct itimerspec_k v = timer_value(p, t);
    return copy_to_user(ucur, &v, sizeof(v)) < 0 ? -EFAULT : 0;
}

long sys_timer_getoverrun(int id)
{
    struct proc *p = current();
    struct k_itimer *t = timer_of(p, id);
    if (!t)
        return -EINVAL;
    /* Still pending: the last delivered one's count; else the one just delivered. */
    return queued_signal(p, id) ? t->overrun_delivered : t->overrun;
}

long sys_timer_delete(int id)
{
    struct proc *p = current();
    if (!timer_of(p, id))
        return -EINVAL;
    timer_delete(p, id);
    return 0;
}
