/*
 * CPU time: how long each process ran in user mode and in the kernel, measured with
 * the clock (the TSC) at every crossing (system call, interrupt or exception from
 * user mode, the way back) and at context switches, so it is exact to the tick: the
 * switches measure the time on the CPU, the crossings the part of it in the kernel,
 * and user time is the rest. Linux samples at the timer tick instead (or measures
 * at the crossings too, with VIRT_CPU_ACCOUNTING_GEN); our kernel runs with
 * interrupts off, so a tick can never land in kernel mode and sampling would count
 * all kernel time as user time.
 *
 * On it stand getrusage, times, CLOCK_PROCESS_CPUTIME_ID, wait4's rusage, the
 * ITIMER_VIRTUAL and ITIMER_PROF timers (kern/signal/itimer.c) and RLIMIT_CPU.
 */
#include "kern/cputime.h"
#include "kern/proc.h"
#include "kern/timer.h"
#include "kern/errno.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/syscall.h"

void cputime_switch_out(struct proc *p)
{
    uint64_t now = rdtsc();
    p->usage.sys_tsc += now - p->usage.in_kernel_since;   /* a switch happens in the kernel */
    p->usage.run_tsc += now - p->usage.on_cpu_since;
    if (p->state == RUNNABLE)
        p->usage.nivcsw++;
    else
        p->usage.nvcsw++;
}

void cputime_switch_in(struct proc *p)
{
    p->usage.on_cpu_since = p->usage.in_kernel_since = rdtsc();
}

/* Ticks on the CPU and in the kernel so far. The caller is on the CPU and in the
   kernel: its current stretches of both count up to now. Any other process is
   switched out, its counts complete. */
struct usage_ticks {
    uint64_t run, sys;
};

static struct usage_ticks usage_ticks(struct proc *p)
{
    struct usage_ticks t = { p->usage.run_tsc, p->usage.sys_tsc };
    if (p == current()) {
        uint64_t now = rdtsc();
        t.run += now - p->usage.on_cpu_since;
        t.sys += now - p->usage.in_kernel_since;
    }
    return t;
}

uint64_t cputime_user_ns(struct proc *p)
{
    struct usage_ticks t = usage_ticks(p);
    return tsc_to_ns(t.run - t.sys);
}

uint64_t cputime_system_ns(struct proc *p)
{
    return tsc_to_ns(usage_ticks(p).sys);
}

uint64_t cputime_total_ns(struct proc *p)
{
    return tsc_to_ns(usage_ticks(p).run);
}

static uint64_t maxrss_kb(struct proc *p)
{
    uint64_t now = p->mm ? p->mm->hiwater_rss * (PAGE_SIZE / 1024) : 0;
    return MAX(p->usage.maxrss_kb, now);
}

/* Linux's setmax_mm_hiwater_rss: at exec and exit the address space's peak is kept. */
void cputime_note_rss(struct proc *p)
{
    p->usage.maxrss_kb = maxrss_kb(p);
}

/* A reaped child's time, and its own children's, becomes the parent's children time;
   its peak memory competes for the children's largest (ru_maxrss of RUSAGE_CHILDREN). */
void cputime_reap(struct proc *parent, struct proc *child)
{
    struct cpu_usage *u = &parent->usage, *c = &child->usage;
    u->cmaxrss_kb = MAX(u->cmaxrss_kb, MAX(c->maxrss_kb, c->cmaxrss_kb));
    u->cutime_ns += cputime_user_ns(child) + c->cutime_ns;
    u->cstime_ns += cputime_system_ns(child) + c->cstime_ns;
    u->cnvcsw += c->nvcsw + c->cnvcsw;
    u->cnivcsw += c->nivcsw + c->cnivcsw;
    u->cminflt += c->minflt + c->cminflt;
}

/* RLIMIT_CPU (seconds): SIGXCPU at the soft limit and every second after, SIGKILL at
   the hard limit (Linux check_process_timers). */
static void check_rlimit_cpu(struct proc *p)
{
    uint64_t soft = p->rlimit[RLIMIT_CPU].cur, hard = p->rlimit[RLIMIT_CPU].max;
    if (soft == RLIM_INFINITY && hard == RLIM_INFINITY)
        return;
    uint64_t secs = cputime_total_ns(p) / NSEC_PER_SEC;
    if (hard != RLIM_INFINITY && secs >= hard) {
        send_signal_from(SIGKILL, p, 0);
        return;
    }
    if (soft != RLIM_INFINITY && secs >= soft && secs >= p->usage.next_xcpu_s) {
        send_signal_from(SIGXCPU, p, 0);
        p->usage.next_xcpu_s = secs + 1;
    }
}

void cputime_tick(struct proc *p)
{
    itimer_cpu_tick(p);
    posix_timers_cpu_tick(p);
    check_rlimit_cpu(p);
}

/* ---- reporting ---- */

static void put_time(int64_t *sec, int64_t *usec, uint64_t ns)
{
    *sec = ns / NSEC_PER_SEC;
    *usec = ns % NSEC_PER_SEC / 1000;
}

static void fill_rusage(struct rusage_k *ru, uint64_t utime, uint64_t stime, uint64_t minflt,
                        uint64_t nvcsw, uint64_t nivcsw)
{
    memset(ru, 0, sizeof(*ru));
    put_time(&ru->utime_sec, &ru->utime_usec, utime);
    put_time(&ru->stime_sec, &ru->stime_usec, stime);
    ru->minflt = minflt;
    ru->nvcsw = nvcsw;
    ru->nivcsw = nivcsw;
}

/* What wait4 reports for a child it reaps: the child and its reaped children. */
void fill_rusage_of_child(struct proc *child, struct rusage_k *ru)
{
    struct cpu_usage *c = &child->usage;
    fill_rusage(ru, cputime_user_ns(child) + c->cutime_ns,
                cputime_system_ns(child) + c->cstime_ns, c->minflt + c->cminflt,
                c->nvcsw + c->cnvcsw, c->nivcsw + c->cnivcsw);
    ru->maxrss = MAX(c->maxrss_kb, c->cmaxrss_kb);
}

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

long sys_getrusage(int who, uint64_t uru)
{
    struct proc *p = current();
    struct cpu_usage *u = &p->usage;
    struct rusage_k ru;
    if (who == RUSAGE_SELF || who == RUSAGE_THREAD) {
        fill_rusage(&ru, cputime_user_ns(p), cputime_system_ns(p), u->minflt, u->nvcsw,
                    u->nivcsw);
        ru.maxrss = maxrss_kb(p);
    } else if (who == RUSAGE_CHILDREN) {
        fill_rusage(&ru, u->cutime_ns, u->cstime_ns, u->cminflt, u->cnvcsw, u->cnivcsw);
        ru.maxrss = u->cmaxrss_kb;
    } else {
        return -EINVAL;
    }
    return copy_to_user(uru, &ru, sizeof(ru)) < 0 ? -EFAULT : 0;
}

/* times(2): clock ticks (USER_HZ = 100, as on Linux x86-64). The return value counts
   from an arbitrary point; Linux's starts 5 minutes before boot, and so does ours. */
#define USER_HZ 100

static int64_t to_clock_t(uint64_t ns)
{
    return ns / (NSEC_PER_SEC / USER_HZ);
}

long sys_times(uint64_t utms)
{
    struct proc *p = current();
    struct cpu_usage *u = &p->usage;
    int64_t tms[4] = { to_clock_t(cputime_user_ns(p)), to_clock_t(cputime_system_ns(p)),
                       to_clock_t(u->cutime_ns), to_clock_t(u->cstime_ns) };
    if (utms && copy_to_user(utms, tms, sizeof(tms)) < 0)
        return -EFAULT;
    return to_clock_t(clock_ns()) + 300 * USER_HZ;
}
