/* CPU time a process has used, and what getrusage(2) reports about it (kern/cputime.c). */
#ifndef KERN_CPUTIME_H
#define KERN_CPUTIME_H

#include "kern/types.h"
#include "kern/timer.h"

struct proc;

/* Times are kept in TSC ticks, the clock's raw unit, and turned into nanoseconds only
   when someone asks (cputime_user_ns and friends): the crossings, on every system
   call, then cost a clock read and a store or two. */
struct cpu_usage {
    uint64_t run_tsc;               /* on the CPU, up to the last switch out */
    uint64_t sys_tsc;               /* of which in the kernel, up to the last return to
                                       user mode or switch out; the rest is user time */
    uint64_t on_cpu_since;          /* TSC when the process last got the CPU */
    uint64_t in_kernel_since;       /* TSC when its current stretch in the kernel began */
    uint64_t cutime_ns, cstime_ns;  /* of reaped children (and theirs), for RUSAGE_CHILDREN */
    uint64_t nvcsw, nivcsw;         /* context switches: gave up the CPU, or was preempted */
    uint64_t minflt;                /* page faults served without I/O (all of ours) */
    uint64_t cnvcsw, cnivcsw, cminflt;
    uint64_t next_xcpu_s;           /* RLIMIT_CPU: when the next SIGXCPU is due (seconds) */
    uint64_t maxrss_kb;             /* the most resident memory of the address spaces left
                                       behind (exec, exit); the current one adds its own */
    uint64_t cmaxrss_kb;            /* the largest of the reaped children's */
};

/* The crossings between user mode and the kernel (kern/trap/, kern/syscall.c): on
   every system call, so inline. Only the kernel's stretches are measured here; the
   time on the CPU is measured at context switches, and user time is the difference. */
static inline void cputime_enter_kernel(struct cpu_usage *u)   /* from user mode */
{
    u->in_kernel_since = rdtsc();
}

static inline void cputime_exit_kernel(struct cpu_usage *u)    /* back to user mode */
{
    u->sys_tsc += rdtsc() - u->in_kernel_since;
}

void cputime_switch_out(struct proc *p);        /* gives up the CPU, in the kernel */
void cputime_switch_in(struct proc *p);

/* CPU time so far, up to now for the caller (it is in the kernel, on the CPU). */
uint64_t cputime_user_ns(struct proc *p);       /* ITIMER_VIRTUAL, ru_utime */
uint64_t cputime_system_ns(struct proc *p);     /* ru_stime */
uint64_t cputime_total_ns(struct proc *p);      /* CLOCK_PROCESS_CPUTIME_ID, ITIMER_PROF */

/* A CPU-time clock named by pid, as clock_getcpuclockid(3) makes them (Linux's
   posix-cpu-timers): the clock id is (~pid << 3) | which, bit 2 set for one thread's
   clock, pid 0 meaning the caller. which is PROF (user + system), VIRT (user) or SCHED
   (run time); 3 names no clock. Plain clock ids are >= 0, these < 0. */
#define CPUCLOCK_PROF   0
#define CPUCLOCK_VIRT   1
#define CPUCLOCK_SCHED  2
struct cpu_clock_name {
    pid_t pid;
    int which;
    bool thread;
};
static inline struct cpu_clock_name cpu_clock_name(int clock)
{
    return (struct cpu_clock_name){ ~(clock >> 3), clock & 3, (clock & 4) != 0 };
}
void cputime_reap(struct proc *parent, struct proc *child);
void cputime_note_rss(struct proc *p);          /* before its address space goes */
void cputime_tick(struct proc *p);              /* timer interrupt: itimers, RLIMIT_CPU */

/* struct rusage as Linux x86-64 lays it out: 144 bytes. */
struct rusage_k {
    int64_t utime_sec, utime_usec, stime_sec, stime_usec;
    int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
    int64_t msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
void fill_rusage_of_child(struct proc *child, struct rusage_k *ru);

#endif
