#ifndef KERN_TIMER_H
#define KERN_TIMER_H

#include "kern/types.h"
#include "kern/x86.h"

#define HZ              100
#define NSEC_PER_SEC    1000000000ULL

void timer_init(void);
void timer_intr(void);
uint64_t realtime_ns(void);         /* nanoseconds since 1970 (CLOCK_REALTIME) */

/* The TSC at boot and its period, a 32.32 fixed-point number of ns (timer_init). */
extern uint64_t tsc_boot, ns_per_tsc_q32;

/* TSC ticks as nanoseconds (CPU times are kept in ticks: kern/cputime.h). */
static inline uint64_t tsc_to_ns(uint64_t ticks)
{
    return (uint64_t)(((unsigned __int128)ticks * ns_per_tsc_q32) >> 32);
}

/* Nanoseconds since boot (CLOCK_MONOTONIC). Inline: a call would cost as much as the
   reading. */
static inline uint64_t clock_ns(void)
{
    return tsc_to_ns(rdtsc() - tsc_boot);
}

#endif
