#ifndef KERN_TIMER_H
#define KERN_TIMER_H

#include "kern/types.h"

#define HZ              100
#define NSEC_PER_SEC    1000000000ULL

void timer_init(void);
void timer_intr(void);
uint64_t clock_ns(void);            /* nanoseconds since boot (CLOCK_MONOTONIC) */
uint64_t realtime_ns(void);         /* nanoseconds since 1970 (CLOCK_REALTIME) */

#endif
