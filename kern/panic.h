#ifndef KERN_PANIC_H
#define KERN_PANIC_H

#include "kern/types.h"

struct trapframe;

/* Print the message, the registers and a backtrace, then stop QEMU with a failure
   status (isa-debug-exit value 1: QEMU exits with 3). */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void panic_trap(const struct trapframe *tf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Leave QEMU through the isa-debug-exit device: QEMU exits with (value << 1) | 1. */
#define QEMU_EXIT_POWEROFF  0   /* clean power-off: QEMU status 1 */
#define QEMU_EXIT_PANIC     1   /* kernel panic:    QEMU status 3 */
noreturn void qemu_exit(int value);

void print_trapframe(const struct trapframe *tf);

#endif
