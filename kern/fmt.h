#ifndef KERN_FMT_H
#define KERN_FMT_H

#include "kern/types.h"

/* printf-style formatting into any byte sink. Supports %d %i %u %x %X %o %p %s %c %%,
   the flags '-', '0' and '#', a width and a precision (numbers or '*'), and the length
   modifiers l, ll and z. Returns the number of bytes emitted. */
#ifdef HOST_TEST
/* Host unit tests link the C library too: keep our snprintf apart from its. */
#define snprintf ksnprintf
#define vsnprintf kvsnprintf
#endif

typedef void (*fmt_sink)(char c, void *arg);
int vformat(fmt_sink sink, void *arg, const char *fmt, va_list ap);

int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
