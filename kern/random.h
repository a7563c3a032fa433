#ifndef KERN_RANDOM_H
#define KERN_RANDOM_H

#include "kern/types.h"

/* n bytes from the kernel's (non-cryptographic) generator, seeded once per boot. */
void random_fill(void *buf, size_t n);

#endif
