/*
 * alarm(2) and the interval timers of getitimer/setitimer: ITIMER_REAL (SIGALRM after
 * a delay of wall-clock time), ITIMER_VIRTUAL (SIGVTALRM after that much CPU time in
 * user mode) and ITIMER_PROF (SIGPROF after that much CPU time, user and kernel: for
 * profilers), each optionally repeating. The 100 Hz timer interrupt checks the
 * deadlines, so a timer fires at the first tick after it expires, as on Linux. CPU
 * time comes from kern/cputime.c.
 */
#include "kern/signal/signal.h"
#include "kern/proc.h"
#include "kern/timer.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/cputime.h"
#include "kern/syscall.h"

#define ITIMER_REAL     0
#define ITIMER_VIRTUAL  1
#define ITIMER_PROF     2

struct timeval_k {
    int64_t tv_sec, tv_usec;
};

struct itimerval_k {
    struct timeval_k it_interval, it_value;
};

static uint64_t timeval_to_ns(struct timeval_k tv)
{
    return (uint64_t)tv.tv_sec * NSEC_PER_SEC + (uint64_t)tv.tv_usec * 1000;
}

static struct timeval_k ns_to_timeval(uint64_t ns)
{
    return (struct timeval_k){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };
}

static bool timeval_valid(struct timeval_k tv)
{
    return tv.tv_sec >= 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000;
}

/* The timer as getitimer reports it. An expired timer the tick has not seen yet
   still reads as armed (1 us left), as on Linux. */
static struct itimerval_k itimer_get(struct proc *p)
{
    struct itimerval_k v = { .it_interval = ns_to_timeval(p->sig.itimer_interval_ns) };
    if (p->sig.itimer_deadline_ns) {
        uint64_t now = clock_ns();
        uint64_t left = p->sig.itimer_deadline_ns > now ? p->sig.itimer_deadline_ns - now : 1000;
        v.it_value = ns_to_timeval(left < 1000 ? 1000 : left);
    }
    return v;
}

static void itimer_set(struct proc *p, const struct itimerval_k *v)
{
    uint64_t value = timeval_to_ns(v->it_value);
    p->sig.itimer_deadline_ns = value ? clock_ns() + value : 0;
    p->sig.itimer_interval_ns = value ? timeval_to_ns(v->it_interval) : 0;
}

/* The CPU time an ITIMER_VIRTUAL (user time) or ITIMER_PROF (all of it) counts. */
static uint64_t cpu_clock(struct proc *p, int which)
{
    return which == ITIMER_VIRTUAL ? cputime_user_ns(p) : cputime_total_ns(p);
}

static struct itimerval_k cpu_itimer_get(struct proc *p, int which)
{
    struct cpu_itimer *t = &p->sig.cpu_itimer[which - ITIMER_VIRTUAL];
    struct itimerval_k v = { .it_interval = ns_to_timeval(t->interval_ns) };
    if (t->deadline_ns) {
        uint64_t now = cpu_clock(p, which);
        uint64_t left = t->deadline_ns > now ? t->deadline_ns - now : 1000;
        v.it_value = ns_to_timeval(left < 1000 ? 1000 : left);
    }
    return v;
}

static void cpu_itimer_set(struct proc *p, int which, const struct itimerval_k *v)
{
    struct cpu_itimer *t = &p->sig.cpu_itimer[which - ITIMER_VIRTUAL];
    uint64_t value = timeval_to_ns(v->it_value);
    t->deadline_ns = value ? cpu_clock(p, which) + value : 0;
    t->interval_ns = value ? timeval_to_ns(v->it_interval) : 0;
}

static struct itimerval_k any_itimer_get(struct proc *p, int which)
{
    return which == ITIMER_REAL ? itimer_get(p) : cpu_itimer_get(p, which);
}

long sys_getitimer(int which, uint64_t uval)
{
    if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
        return -EINVAL;
    struct itimerval_k v = any_itimer_get(current(), which);
    return copy_to_user(uval, &v, sizeof(v));
}

long sys_setitimer(int which, uint64_t unew, uint64_t uold)
{
    struct itimerval_k v = { 0 }, old;
    if (unew && copy_from_user(&v, unew, sizeof(v)) < 0)
        return -EFAULT;
    if (!timeval_valid(v.it_value) || !timeval_valid(v.it_interval))
        return -EINVAL;
    if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
        return -EINVAL;
    old = any_itimer_get(current(), which);
    if (which == ITIMER_REAL)
        itimer_set(current(), &v);
    else
        cpu_itimer_set(current(), which, &v);
    if (uold && copy_to_user(uold, &old, sizeof(old)) < 0)
        return -EFAULT;
    return 0;
}

/* alarm(2): seconds left on the previous alarm, rounded to the nearest second but
   never 0 if one was pending. */
long sys_alarm(unsigned seconds)
{
    struct itimerval_k v = { .it_value = { seconds, 0 } };
    struct itimerval_k old = itimer_get(current());
    itimer_set(current(), &v);
    long left = old.it_value.tv_sec;
    if ((!left && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
        left++;
    return left;
}

/* From the timer interrupt: fire expired timers, re-arming periodic ones. */
void itimer_tick(uint64_t now_ns)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        struct signal_state *s = &p->sig;
        if (p->state == UNUSED || p->state == ZOMBIE || !s->itimer_deadline_ns ||
            now_ns < s->itimer_deadline_ns)
            continue;
        if (s->itimer_interval_ns)
            s->itimer_deadline_ns += s->itimer_interval_ns;
        else
            s->itimer_deadline_ns = 0;
        if (s->itimer_deadline_ns && s->itimer_deadline_ns <= now_ns)
            s->itimer_deadline_ns = now_ns + s->itimer_interval_ns;
        send_signal_from(SIGALRM, p, 0);
    }
}

/* From the timer interrupt, for the process it interrupted (only a running process
   uses CPU time): fire its expired CPU-time timers, re-arming periodic ones. */
void itimer_cpu_tick(struct proc *p)
{
    static const int signal_of[2] = { SIGVTALRM, SIGPROF };
    for (int i = 0; i < 2; i++) {
        struct cpu_itimer *t = &p->sig.cpu_itimer[i];
        if (!t->deadline_ns)
            continue;
        uint64_t now = cpu_clock(p, ITIMER_VIRTUAL + i);
        if (now < t->deadline_ns)
            continue;
        t->deadline_ns = t->interval_ns ? t->deadline_ns + t->interval_ns : 0;
        if (t->deadline_ns && t->deadline_ns <= now)
            t->deadline_ns = now + t->interval_ns;
        send_signal_from(signal_of[i], p, 0);
    }
}
