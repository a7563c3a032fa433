#ifndef KERN_FWCFG_H
#define KERN_FWCFG_H

#include "kern/types.h"

/* Size of the QEMU fw_cfg file `name` (e.g. "opt/siglab/cmdline"), or -1 if absent. */
long fwcfg_file_size(const char *name);
/* Copy the whole file into buf (at least fwcfg_file_size bytes). */
void fwcfg_read_file(const char *name, void *buf, size_t size);

#endif
