#ifndef KERN_PRINTK_H
#define KERN_PRINTK_H

#include "kern/types.h"

/* printk writes to the kernel log (COM2), and also to the console (COM1) unless the
   kernel command line says "quiet". */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);
void log_write(const char *buf, size_t n);
void printk_set_quiet(bool quiet);
/* Force console output on (used by panic: a panic is always visible). */
void printk_force_console(void);

#endif
