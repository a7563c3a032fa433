/*
 * Where the bytes of an executable come from. The initrd's files sit in memory in one
 * piece; a /tmp file is a table of pages with holes (kern/tmpfs_data.c). execve reads
 * both the same way: by offset, into kernel buffers, as Linux's kernel_read does.
 */
#include "kern/exec_file.h"
#include "kern/fs.h"
#include "kern/tmpfs.h"
#include "kern/stat.h"
#include "kern/string.h"
#include "kern/errno.h"

static bool may_exec(uint32_t mode)
{
    return (mode & S_IFMT) == S_IFREG && (mode & 0111);
}

int exec_file_open(const char *path, struct exec_file *xf)
{
    *xf = (struct exec_file){ 0 };
    if (tmpfs_owns(path)) {
        int err = 0;
        struct tnode *n = tmpfs_node(path, &err);
        if (!n)
            return err;
        if (!may_exec(n->mode))
            return -EACCES;
        xf->tn = n;
        xf->size = n->size;
        return 0;
    }
    const struct inode *ip = fs_lookup(path);
    if (!ip)
        return fs_is_dir(path) ? -EACCES : fs_missing(path);
    if (!may_exec(ip->mode))
        return -EACCES;
    xf->ip = ip;
    xf->size = ip->size;
    return 0;
}

size_t exec_file_read(const struct exec_file *xf, uint64_t off, void *dst, size_t len)
{
    if (off >= xf->size)
        return 0;
    len = MIN(len, xf->size - off);
    if (xf->ip) {
        memcpy(dst, xf->ip->data + off, len);
        return len;
    }
    for (size_t done = 0; done < len;) {
        uint64_t at = off + done;
        size_t chunk = MIN(len - done, 4096 - at % 4096);
        const uint8_t *page = tdata_page(&xf->tn->data, at, false);
        if (page)
            memcpy((uint8_t *)dst + done, page + at % 4096, chunk);
        else
            memset((uint8_t *)dst + done, 0, chunk);    /* a hole reads as zeros */
        done += chunk;
    }
    return len;
}
