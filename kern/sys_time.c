/*
 * Time system calls: clock_gettime, clock_getres, gettimeofday, time, nanosleep,
 * clock_nanosleep. Sleeps end at the first timer tick past the deadline (10 ms
 * granularity, like a Linux kernel without high-resolution timers).
 */
#include "kern/proc.h"
#include "kern/timer.h"
#include "kern/timespec.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/syscall.h"

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1

/*
 * A CPU-time clock named by pid (kern/cputime.h). Any process's clock may be read; a
 * thread's only within its thread group, which with one thread per process is the
 * caller's own. SCHED, run time, is user + system here too. -EINVAL for no such
 * process (glibc's clock_getcpuclockid turns that into ESRCH).
 */
static int64_t pid_cpu_clock_read(int clock)
{
    struct cpu_clock_name c = cpu_clock_name(clock);
    struct proc *p = c.pid == 0 ? current() : proc_find(c.pid);
    if (!p || c.which > CPUCLOCK_SCHED || (c.thread && p != current()))
        return -EINVAL;
    if (c.which == CPUCLOCK_VIRT)
        return cputime_user_ns(p);
    return cputime_total_ns(p);
}

/* The clock's current value in ns, or -EINVAL for a clock we do not have. */
static int64_t clock_read(int clock)
{
    if (clock < 0)
        return pid_cpu_clock_read(clock);
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        return realtime_ns();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        return clock_ns();
    case CLOCK_PROCESS_CPUTIME_ID:  /* one thread per process: the same clock */
    case CLOCK_THREAD_CPUTIME_ID:
        return cputime_total_ns(current());
    default:
        return -EINVAL;
    }
}

long sys_clock_gettime(int clock, uint64_t uts)
{
    int64_t now = clock_read(clock);
    if (now < 0)
        return now;
    struct timespec_k ts = ns_to_timespec(now);
    return copy_to_user(uts, &ts, sizeof(ts));
}

long sys_clock_getres(int clock, uint64_t uts)
{
    if (clock_read(clock) < 0)
        return -EINVAL;
    struct timespec_k ts = { 0, 1 };
    return uts ? copy_to_user(uts, &ts, sizeof(ts)) : 0;
}

long sys_gettimeofday(uint64_t utv, uint64_t utz)
{
    struct { int64_t tv_sec, tv_usec; } tv;
    uint64_t now = realtime_ns();
    tv.tv_sec = now / NSEC_PER_SEC;
    tv.tv_usec = now % NSEC_PER_SEC / 1000;
    if (utv && copy_to_user(utv, &tv, sizeof(tv)) < 0)
        return -EFAULT;
    if (utz && clear_user(utz, 8) < 0)
        return -EFAULT;
    return 0;
}

long sys_time(uint64_t ut)
{
    int64_t secs = realtime_ns() / NSEC_PER_SEC;
    if (ut && copy_to_user(ut, &secs, sizeof(secs)) < 0)
        return -EFAULT;
    return secs;
}

/* Write the time left until deadline to a user timespec (nanosleep's rem). */
static int write_remaining(uint64_t urem, uint64_t deadline)
{
    uint64_t now = clock_ns();
    struct timespec_k rem = ns_to_timespec(deadline > now ? deadline - now : 0);
    return copy_to_user(urem, &rem, sizeof(rem));
}

/*
 * Sleep until the monotonic clock reaches deadline. A signal ends the sleep early:
 * the time left goes to *urem and the restart block remembers the deadline, so that
 * if no handler runs (say the process was stopped and continued) restart_syscall
 * sleeps exactly the rest (lab 5).
 */
static long do_nanosleep(uint64_t deadline, uint64_t urem)
{
    while (clock_ns() < deadline) {
        if (sleep_on(0, deadline) != WAKE_SIGNAL)
            continue;
        if (clock_ns() >= deadline)
            return 0;       /* the time was up anyway */
        struct restart_block *rb = &current()->sig.restart;
        rb->fn = restart_nanosleep;
        rb->deadline_ns = deadline;
        rb->urem = urem;
        if (urem && write_remaining(urem, deadline) < 0)
            return -EFAULT;
        return -ERESTART_RESTARTBLOCK;
    }
    return 0;
}

long restart_nanosleep(struct restart_block *rb)
{
    return do_nanosleep(rb->deadline_ns, rb->urem);
}

long sys_nanosleep(uint64_t ureq, uint64_t urem)
{
    uint64_t ns;
    int err = get_timespec_ns(ureq, &ns);
    if (err)
        return err;
    return do_nanosleep(clock_ns() + ns, urem);
}

/* Note: clock_nanosleep returns the error number itself, not -1/errno; musl knows.
   An absolute sleep has no time left to report: a plain restart is enough. */
long sys_clock_nanosleep(int clock, int flags, uint64_t ureq, uint64_t urem)
{
    if (clock == CLOCK_THREAD_CPUTIME_ID)
        return -EINVAL;
    int64_t now = clock_read(clock);
    if (now < 0)
        return now;
    uint64_t ns;
    int err = get_timespec_ns(ureq, &ns);
    if (err)
        return err;
    if (!(flags & TIMER_ABSTIME))
        return do_nanosleep(clock_ns() + ns, urem);
    long ret = do_nanosleep(clock_ns() + (ns > (uint64_t)now ? ns - now : 0), 0);
    return ret == -ERESTART_RESTARTBLOCK ? -ERESTARTNOHAND : ret;
}
