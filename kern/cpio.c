/*
 * Parse a newc cpio archive, the initrd format Linux uses too: each member is a
 * 110-byte ASCII header ("070701", then 13 eight-digit hex fields), the file name, and
 * the data; header+name and data are each padded to a multiple of 4 bytes.
 * Pure code: the host unit tests run it on archives made by tools/mkinitrd.
 */
#include "kern/cpio.h"
#include "kern/string.h"

#define NEWC_HEADER_SIZE 110

/* Field i of the header (0 = c_ino ... 12 = c_check), after the 6-byte magic. */
static bool header_field(const uint8_t *hdr, int i, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < 8; k++) {
        char c = hdr[6 + 8 * i + k];
        int d = c >= '0' && c <= '9' ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return false;
        v = v * 16 + d;
    }
    *out = v;
    return true;
}

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

int cpio_parse(const uint8_t *buf, size_t len,
               void (*fn)(const struct cpio_entry *e, void *arg), void *arg)
{
    size_t off = 0;
    int count = 0;
    for (;;) {
        if (len - off < NEWC_HEADER_SIZE || memcmp(buf + off, "070701", 6) != 0)
            return -1;
        const uint8_t *hdr = buf + off;
        uint32_t ino, mode, nlink, filesize, namesize;
        if (!header_field(hdr, F_INO, &ino) || !header_field(hdr, F_MODE, &mode) ||
            !header_field(hdr, F_NLINK, &nlink) || !header_field(hdr, F_FILESIZE, &filesize) ||
            !header_field(hdr, F_NAMESIZE, &namesize))
            return -1;
        size_t name_off = off + NEWC_HEADER_SIZE;
        size_t data_off = ROUND_UP(name_off + namesize, 4);
        if (namesize == 0 || data_off > len || filesize > len - data_off)
            return -1;
        const char *name = (const char *)buf + name_off;
        if (name[namesize - 1] != 0)
            return -1;
        if (strcmp(name, "TRAILER!!!") == 0)
            return count;
        struct cpio_entry e = { name, mode, buf + data_off, filesize, ino, nlink };
        fn(&e, arg);
        count++;
        off = ROUND_UP(data_off + filesize, 4);
    }
}
