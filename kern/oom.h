/* Out of memory: which process gives its pages back (kern/oom.c). */
#ifndef KERN_OOM_H
#define KERN_OOM_H

#include "kern/types.h"

/* No free page for a user fault: make sure a process is dying to free memory.
   true: the faulting process should wait and retry; false: nothing can be killed. */
bool out_of_memory(void);

#endif
