// sigtest.h: what the signal test programs in user/tests share.
//
// Every test runs twice, natively on Linux and inside siglab, and the two outputs
// must be identical (tests/run_tests.py compares them). So a test prints one line per
// thing it checked, "WHAT: ok" or "WHAT: FAIL expected X got Y", and exits non-zero if
// anything failed. A header of static definitions keeps each test one self-contained
// program: `musl-gcc -static test.c` still builds it by hand.

#ifndef SIGTEST_H
#define SIGTEST_H

#include <stdint.h>
#include <stdio.h>

// How many checks failed so far; main() ends with `return failures != 0;`.
static int failures;

// Print WHAT's verdict; on a mismatch show both values, so a failure in CI says
// what the kernel did differently from Linux.
static inline void check(const char *what, long got, long want)
{
    if (got == want) {
        printf("%s: ok\n", what);
    } else {
        printf("%s: FAIL expected %ld got %ld\n", what, want, got);
        failures++;
    }
}

// Signal SIG's bit in a kernel sigset (a 64-bit mask; signal 1 is bit 0).
#define BIT(sig) (1UL << ((sig) - 1))

// The kernel's struct sigaction, as rt_sigaction(2) takes it (not libc's, which is
// larger and lets libc add SA_RESTORER): tests that call the syscall directly control
// every field, flags and restorer included.
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

#endif
