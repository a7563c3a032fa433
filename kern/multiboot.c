/*
 * Read the boot information the loader left us: the command line, the available
 * memory regions and the modules (the initrd). GRUB speaks multiboot2 (Multiboot2
 * spec, section 3.6: a list of 8-byte-aligned tags after an 8-byte header); QEMU's
 * -kernel, which the tests use to skip the firmware's disk reads and GRUB, speaks
 * multiboot 1 (Multiboot spec 0.6.96, section 3.3: one fixed structure with flags
 * saying which fields are valid).
 */
#include "kern/multiboot.h"
#include "boot/multiboot.h"
#include "kern/memlayout.h"
#include "kern/string.h"
#include "kern/panic.h"

struct boot_info boot_info;

static void add_region(uint64_t addr, uint64_t len)
{
    if (boot_info.nregions < MAX_REGIONS)
        boot_info.regions[boot_info.nregions++] = (struct phys_range){ addr, addr + len };
}

static void add_module(uint64_t start, uint64_t end, const char *name)
{
    if (boot_info.nmodules == MAX_MODULES)
        return;
    struct module *mod = &boot_info.modules[boot_info.nmodules++];
    mod->start = start;
    mod->end = end;
    strlcpy(mod->name, name, sizeof(mod->name));
}

/* ---- multiboot2 ---- */

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
        if (e->type == MB2_MEMORY_AVAILABLE)
            add_region(e->addr, e->len);
    }
}

static void parse_module(const struct mb2_tag *tag)
{
    const uint32_t *m = (const uint32_t *)(tag + 1);       /* mod_start, mod_end, string */
    add_module(m[0], m[1], (const char *)(m + 2));
}

static void parse_mb2(const uint8_t *info)
{
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

/* ---- multiboot 1 ---- */

struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
};

struct mb1_module {
    uint32_t mod_start, mod_end, string, reserved;
};

/* Each entry starts with its size, which does not count the size field itself. */
struct mb1_mmap_entry {
    uint32_t size;
    uint64_t addr, len;
    uint32_t type;
} __attribute__((packed));

static void parse_mb1(const struct mb1_info *info)
{
    if (info->flags & MB1_INFO_CMDLINE) {
        /* QEMU, like GRUB legacy, puts the kernel's file name first: skip it, so the
           command line reads as GRUB's multiboot2 one does. */
        const char *line = P2V(info->cmdline), *space = strchr(line, ' ');
        strlcpy(boot_info.cmdline, space ? space + 1 : "", sizeof(boot_info.cmdline));
    }
    if (info->flags & MB1_INFO_MMAP) {
        const uint8_t *p = P2V(info->mmap_addr), *end = p + info->mmap_length;
        for (; p < end; p += ((const struct mb1_mmap_entry *)p)->size + 4) {
            const struct mb1_mmap_entry *e = (const void *)p;
            if (e->type == MB2_MEMORY_AVAILABLE)    /* (the same type numbers) */
                add_region(e->addr, e->len);
        }
    }
    if (info->flags & MB1_INFO_MODS) {
        const struct mb1_module *m = P2V(info->mods_addr);
        for (uint32_t i = 0; i < info->mods_count; i++)
            add_module(m[i].mod_start, m[i].mod_end, P2V(m[i].string));
    }
}

void multiboot_parse(uint32_t magic, uint64_t info_phys)
{
    if (magic == MB2_BOOTLOADER_MAGIC)
        parse_mb2(P2V(info_phys));
    else if (magic == MB1_BOOTLOADER_MAGIC)
        parse_mb1(P2V(info_phys));
    else
        panic("multiboot_parse: not started by a multiboot loader (magic %x)", magic);
}
