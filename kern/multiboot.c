/*
 * Read the multiboot2 boot information (Multiboot2 spec, section 3.6): a list of
 * 8-byte-aligned tags after an 8-byte header. We keep the command line, the
 * available memory regions and the modules (the initrd).
 */
#include "kern/multiboot.h"
#include "boot/multiboot2.h"
#include "kern/memlayout.h"
#include "kern/string.h"
#include "kern/panic.h"

struct boot_info boot_info;

struct mb2_tag {
    uint32_t type, size;
};

struct mb2_mmap_entry {
    uint64_t addr, len;
    uint32_t type, reserved;
};

static void parse_mmap(const struct mb2_tag *tag)
{
    const uint32_t *hdr = (const uint32_t *)(tag + 1);     /* entry_size, entry_version */
    uint32_t entry_size = hdr[0];
    const uint8_t *p = (const uint8_t *)(hdr + 2);
    const uint8_t *end = (const uint8_t *)tag + tag->size;
    for (; p + entry_size <= end; p += entry_size) {
        const struct mb2_mmap_entry *e = (const void *)p;
        if (e->type != MB2_MEMORY_AVAILABLE || boot_info.nregions == MAX_REGIONS)
            continue;
        boot_info.regions[boot_info.nregions++] = (struct phys_range){ e->addr, e->addr + e->len };
    }
}

static void parse_module(const struct mb2_tag *tag)
{
    const uint32_t *m = (const uint32_t *)(tag + 1);       /* mod_start, mod_end, string */
    if (boot_info.nmodules == MAX_MODULES)
        return;
    struct module *mod = &boot_info.modules[boot_info.nmodules++];
    mod->start = m[0];
    mod->end = m[1];
    strlcpy(mod->name, (const char *)(m + 2), sizeof(mod->name));
}

void multiboot_parse(uint32_t magic, uint64_t info_phys)
{
    if (magic != MB2_BOOTLOADER_MAGIC)
        panic("multiboot_parse: not started by a multiboot2 loader (magic %x)", magic);
    const uint8_t *info = P2V(info_phys);
    uint32_t total = *(const uint32_t *)info;
    for (uint32_t off = 8; off + 8 <= total;) {
        const struct mb2_tag *tag = (const void *)(info + off);
        if (tag->type == MB2_TAG_END)
            break;
        if (tag->type == MB2_TAG_CMDLINE)
            strlcpy(boot_info.cmdline, (const char *)(tag + 1), sizeof(boot_info.cmdline));
        else if (tag->type == MB2_TAG_MMAP)
            parse_mmap(tag);
        else if (tag->type == MB2_TAG_MODULE)
            parse_module(tag);
        off += ROUND_UP(tag->size, 8);
    }
}
