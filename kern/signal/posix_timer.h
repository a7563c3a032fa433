/* POSIX timers (timer_create and friends; kern/signal/posix_timer.c). */
#ifndef KERN_SIGNAL_POSIX_TIMER_H
#define KERN_SIGNAL_POSIX_TIMER_H

#include "kern/types.h"

#define POSIX_TIMER_MAX 32      /* per process; one more is EAGAIN */

/* Linux's struct k_itimer, cut down to one thread per process. */
struct k_itimer {
    bool used;
    int clock;                  /* CLOCK_REALTIME, _MONOTONIC, _BOOTTIME, _PROCESS_CPUTIME_ID */
    int notify;                 /* SIGEV_SIGNAL or SIGEV_NONE */
    int signo;
    uint64_t value;             /* sigev_value: the handler's si_value */
    uint64_t deadline_ns;       /* on the timer's own clock; 0: disarmed */
    uint64_t interval_ns;       /* 0: one-shot */
    int overrun;                /* expirations folded into the queued signal */
    int overrun_delivered;      /* what the last delivered signal carried (timer_getoverrun) */
};

struct proc;
void posix_timers_tick(uint64_t now_ns);        /* every tick, all processes */
void posix_timers_cpu_tick(struct proc *p);     /* CPU-time clocks of the running one */
void posix_timers_exit(struct proc *p);         /* exec and exit: all gone */

#endif
