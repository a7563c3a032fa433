/*
 * getdents64 records: struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen;
 * u8 d_type; char d_name[]; }, each padded to 8 bytes (fs/readdir.c).
 */
#include "kern/dirent.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/errno.h"

struct dirent_head {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
} __attribute__((packed));

bool dirent_put(struct dirent_buf *b, uint64_t ino, int64_t next, unsigned type,
                const char *name)
{
    size_t namelen = strlen(name) + 1;
    size_t reclen = ROUND_UP(sizeof(struct dirent_head) + namelen, 8);
    if (b->err || b->used + reclen > b->size)
        return false;
    char rec[sizeof(struct dirent_head) + 256 + 8];
    memset(rec, 0, reclen);
    struct dirent_head h = { ino, next, (uint16_t)reclen, (uint8_t)type };
    memcpy(rec, &h, sizeof(h));
    memcpy(rec + sizeof(h), name, namelen);
    if (copy_to_user(b->ubuf + b->used, rec, reclen) < 0) {
        b->err = -EFAULT;
        return false;
    }
    b->used += reclen;
    return true;
}

long dirent_result(const struct dirent_buf *b, bool more)
{
    if (b->used)
        return b->used;
    if (b->err)
        return b->err;
    return more ? -EINVAL : 0;
}
