#ifndef KERN_MULTIBOOT_H
#define KERN_MULTIBOOT_H

#include "kern/types.h"

#define MAX_REGIONS 32
#define MAX_MODULES 4

struct phys_range {
    uint64_t start, end;    /* physical, end exclusive */
};

struct module {
    uint64_t start, end;
    char name[32];
};

/* What the loader told us, copied out of its multiboot2 (GRUB) or multiboot 1
   (QEMU -kernel) information structure. */
struct boot_info {
    char cmdline[512];
    struct phys_range regions[MAX_REGIONS];     /* available RAM */
    int nregions;
    struct module modules[MAX_MODULES];
    int nmodules;
};

extern struct boot_info boot_info;
void multiboot_parse(uint32_t magic, uint64_t info_phys);

#endif
