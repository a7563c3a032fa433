/* Filling a getdents64 buffer with struct linux_dirent64 records. */
#ifndef KERN_DIRENT_H
#define KERN_DIRENT_H

#include "kern/types.h"

struct dirent_buf {
    uint64_t ubuf;
    size_t size, used;
    int err;
};

/* Append one entry; false if it does not fit (or the buffer faulted): stop there.
   next is the directory offset of the entry after this one (d_off). */
bool dirent_put(struct dirent_buf *b, uint64_t ino, int64_t next, unsigned type,
                const char *name);
/* getdents64's result: bytes filled, 0 at the end, EINVAL if the first entry did not
   fit, EFAULT. */
long dirent_result(const struct dirent_buf *b, bool more);

#endif
