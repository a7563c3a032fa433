/* Basic types and helpers every kernel file uses. */
#ifndef KERN_TYPES_H
#define KERN_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef int64_t ssize_t;
typedef int pid_t;

#define ARRAY_SIZE(a)       (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)           ((a) < (b) ? (a) : (b))
#define MAX(a, b)           ((a) > (b) ? (a) : (b))
#define ROUND_UP(x, a)      (((x) + (a) - 1) & ~((uint64_t)(a) - 1))
#define ROUND_DOWN(x, a)    ((x) & ~((uint64_t)(a) - 1))

#define noreturn            _Noreturn

#endif
