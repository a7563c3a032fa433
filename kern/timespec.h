#ifndef KERN_TIMESPEC_H
#define KERN_TIMESPEC_H

/*
 * struct timespec as system calls pass it (x86-64: two 64-bit fields), and the one
 * way siglab checks and converts it: Linux's timespec64_valid and timespec64_to_ns.
 */
#include "kern/types.h"
#include "kern/timer.h"

struct timespec_k {
    int64_t tv_sec, tv_nsec;
};

/* Linux's KTIME_MAX: a longer time saturates here (about 292 years). Any deadline
   clock_ns() + ns still fits in 64 bits. */
#define TIMESPEC_MAX_NS ((uint64_t)INT64_MAX)

static inline bool timespec_valid(struct timespec_k ts)
{
    return ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < (int64_t)NSEC_PER_SEC;
}

/* A valid timespec in nanoseconds, saturating at TIMESPEC_MAX_NS. */
static inline uint64_t timespec_to_ns(struct timespec_k ts)
{
    if ((uint64_t)ts.tv_sec >= TIMESPEC_MAX_NS / NSEC_PER_SEC)
        return TIMESPEC_MAX_NS;
    return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

static inline struct timespec_k ns_to_timespec(uint64_t ns)
{
    return (struct timespec_k){ (int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC) };
}

/* Read a user timespec into *ns: -EFAULT for a bad pointer, -EINVAL if not valid. */
int get_timespec_ns(uint64_t uts, uint64_t *ns);

#endif
