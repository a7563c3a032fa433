#ifndef KERN_CPIO_H
#define KERN_CPIO_H

#include "kern/types.h"

/* One member of a newc ("070701") cpio archive. name points into the archive and is
   NUL-terminated there; data is the member's contents. Hard links share ino and have
   nlink > 1; GNU cpio gives the data to the last of them only (the others have size 0). */
struct cpio_entry {
    const char *name;
    uint32_t mode;
    const uint8_t *data;
    size_t size;
    uint32_t ino;
    uint32_t nlink;
};

/* Call fn for every member up to the TRAILER!!! entry. Returns the number of members,
   or -1 if the archive is malformed (the members before the damage were reported). */
int cpio_parse(const uint8_t *buf, size_t len,
               void (*fn)(const struct cpio_entry *e, void *arg), void *arg);

#endif
