/* CPU time a process has used, and what getrusage(2) reports about it (kern/cputime.c). */
#ifndef KERN_CPUTIME_H
#define KERN_CPUTIME_H

#include "kern/types.h"
#include "kern/timer.h"

struct proc;

struct cpu_usage {
    uint64_t utime_ns, stime_ns;    /* in user mode, in the kernel on our behalf */
    uint64_t stamp_ns;              /* when the current stretch of either began */
    uint64_t cutime_ns, cstime_ns;  /* of reaped children (and theirs), for RUSAGE_CHILDREN */
    uint64_t nvcsw, nivcsw;         /* context switches: gave up the CPU, or was preempted */
    uint64_t minflt;                /* page faults served without I/O (all of ours) */
    uint64_t cnvcsw, cnivcsw, cminflt;
    uint64_t next_xcpu_s;           /* RLIMIT_CPU: when the next SIGXCPU is due (seconds) */
    uint64_t maxrss_kb;             /* the most resident memory of the address spaces left
                                       behind (exec, exit); the current one adds its own */
    uint64_t cmaxrss_kb;            /* the largest of the reaped children's */
};

/* The transitions the kernel reports (kern/trap/, kern/sched.c). Entering and leaving
   the kernel happen on every system call: inline, a dozen instructions each. */
static inline void cputime_enter_kernel(struct cpu_usage *u)   /* from user mode */
{
    uint64_t now = clock_ns();
    u->utime_ns += now - u->stamp_ns;
    u->stamp_ns = now;
}

static inline void cputime_exit_kernel(struct cpu_usage *u)    /* back to user mode */
{
    uint64_t now = clock_ns();
    u->stime_ns += now - u->stamp_ns;
    u->stamp_ns = now;
}

void cputime_switch_out(struct proc *p);        /* gives up the CPU, in the kernel */
void cputime_switch_in(struct proc *p);

uint64_t cputime_total_ns(struct proc *p);      /* CLOCK_PROCESS_CPUTIME_ID */

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
