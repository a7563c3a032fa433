/* The device files under /dev: console, tty, null, zero, kmsg. */
#ifndef KERN_DEV_H
#define KERN_DEV_H

#include "kern/types.h"

struct file;

extern const char *const device_paths[];        /* NULL-terminated */
struct file *dev_open(const char *path, int flags);

#endif
