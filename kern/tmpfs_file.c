/*
 * Open /tmp files and directories: reading and writing data pages, truncation,
 * directory listing, stat. A hole (never written) reads as zeros.
 */
#include "kern/tmpfs.h"
#include "kern/file.h"
#include "kern/dirent.h"
#include "kern/uaccess.h"
#include "kern/mmu.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/timer.h"

static ssize_t tmpfs_pread(struct file *f, uint64_t ubuf, size_t n, uint64_t off)
{
    struct tnode *t = f->priv;
    if (off >= t->size)
        return 0;
    n = MIN(n, t->size - off);
    size_t done = 0;
    while (done < n) {
        uint64_t pos = off + done;
        size_t chunk = MIN(n - done, PAGE_SIZE - pos % PAGE_SIZE);
        const uint8_t *page = tdata_page(&t->data, pos, false);
        int err = page ? copy_to_user(ubuf + done, page + pos % PAGE_SIZE, chunk)
                       : clear_user(ubuf + done, chunk);
        if (err < 0)
            return done ? (ssize_t)done : -EFAULT;
        done += chunk;
    }
    return done;
}

/* Each page is allocated as the write reaches it: when /tmp is full the write stops
   short (ENOSPC if nothing was written) and no other file changes. */
static ssize_t tmpfs_pwrite(struct file *f, uint64_t ubuf, size_t n, uint64_t off)
{
    struct tnode *t = f->priv;
    if (off >= TDATA_MAX_SIZE)
        return -EFBIG;
    n = MIN(n, TDATA_MAX_SIZE - off);
    size_t done = 0;
    int err = 0;
    while (done < n) {
        uint64_t pos = off + done;
        size_t chunk = MIN(n - done, PAGE_SIZE - pos % PAGE_SIZE);
        uint8_t *page = tdata_page(&t->data, pos, true);
        if (!page) {
            err = -ENOSPC;
            break;
        }
        if (copy_from_user(page + pos % PAGE_SIZE, ubuf + done, chunk) < 0) {
            /* The copy may have got part way: what lies past the end stays zeros. */
            uint64_t from = MAX(pos, t->size);
            if (from < pos + chunk)
                memset(page + from % PAGE_SIZE, 0, pos + chunk - from);
            err = -EFAULT;
            break;
        }
        done += chunk;
        t->size = MAX(t->size, pos + chunk);
    }
    if (done)
        tnode_changed(t, true);
    return done ? (ssize_t)done : err;
}

static uint64_t tmpfs_size(struct file *f)
{
    return ((struct tnode *)f->priv)->size;
}

/* Growing makes a hole, which takes no pages; shrinking frees the pages beyond. */
static int tmpfs_truncate(struct file *f, uint64_t len)
{
    struct tnode *t = f->priv;
    if (len > TDATA_MAX_SIZE)
        return -EFBIG;
    if (len < t->size)
        tdata_truncate(&t->data, len);
    t->size = len;
    tnode_changed(t, true);
    return 0;
}

static int subdirs(const struct tnode *dir, int *entries)
{
    int n = 0;
    *entries = 0;
    for (const struct tnode *c = tnodes; c < tnodes + TMPFS_NODES; c++) {
        if (c->used && c->parent == dir) {
            ++*entries;
            n += S_ISDIR(c->mode);
        }
    }
    return n;
}

/* Linux's tmpfs: a directory's size is 20 bytes per entry, "." and ".." included. */
void tnode_stat(const struct tnode *t, struct kstat *st)
{
    int entries = 0;
    *st = (struct kstat){ .st_dev = DEV_TMPFS, .st_ino = t->ino, .st_mode = t->mode,
                          .st_size = t->size, .st_blksize = PAGE_SIZE,
                          .st_blocks = t->data.npages * (PAGE_SIZE / 512),
                          .st_uid = t->uid, .st_gid = t->gid,
                          .st_atime = t->atime.tv_sec, .st_atime_nsec = t->atime.tv_nsec,
                          .st_mtime = t->mtime.tv_sec, .st_mtime_nsec = t->mtime.tv_nsec,
                          .st_ctime = t->ctime.tv_sec, .st_ctime_nsec = t->ctime.tv_nsec };
    if (S_ISDIR(t->mode)) {
        st->st_nlink = t->linked ? 2 + subdirs(t, &entries) : 0;
        st->st_size = 20 * (2 + entries);
    } else {
        st->st_nlink = t->linked;
    }
}

static void tmpfs_fstat(struct file *f, struct kstat *st)
{
    tnode_stat(f->priv, st);
}

/* "/tmp/a/b" from b's node, by walking up: still right after a rename. */
int tnode_path(const struct tnode *t, char *out)
{
    const struct tnode *chain[PATH_MAX / 2];
    int depth = 0;
    if (!t->linked)
        return -ENOENT;
    for (; t->parent; t = t->parent) {
        if (depth == (int)ARRAY_SIZE(chain))
            return -ENAMETOOLONG;
        chain[depth++] = t;
    }
    size_t len = strlcpy(out, "/tmp", PATH_MAX);
    while (depth--) {
        size_t namelen = strlen(chain[depth]->name);
        if (len + 1 + namelen + 1 > PATH_MAX)
            return -ENAMETOOLONG;
        out[len++] = '/';
        memcpy(out + len, chain[depth]->name, namelen + 1);
        len += namelen;
    }
    return 0;
}

static int tmpfs_dir_path(struct file *f, char *out)
{
    return tnode_path(f->priv, out);
}

/* Offsets: 0 is ".", 1 is "..", 2 + i is node i, so an offset stays valid while
   other entries come and go. */
static long tmpfs_getdents(struct file *f, uint64_t ubuf, size_t size)
{
    struct tnode *dir = f->priv;
    struct dirent_buf b = { .ubuf = ubuf, .size = size };
    if (!dir->linked)
        return -ENOENT;
    if (f->off == 0 && dirent_put(&b, dir->ino, 1, DT_TYPE(S_IFDIR), "."))
        f->off = 1;
    if (f->off == 1 && dirent_put(&b, dir->parent ? dir->parent->ino : dir->ino, 2, DT_TYPE(S_IFDIR), ".."))
        f->off = 2;
    for (uint64_t i = f->off >= 2 ? f->off - 2 : TMPFS_NODES; i < TMPFS_NODES; i++) {
        const struct tnode *c = &tnodes[i];
        if (!c->used || c->parent != dir) {
            f->off = i + 3;
            continue;
        }
        if (!dirent_put(&b, c->ino, i + 3, DT_TYPE(c->mode), c->name))
            return dirent_result(&b, true);
        f->off = i + 3;
    }
    return dirent_result(&b, f->off < 2);
}

static void tmpfs_release(struct file *f)
{
    struct tnode *t = f->priv;
    t->opens--;
    tnode_put(t);
}

static int always_ready(struct file *f)
{
    return (file_readable(f) ? POLLIN : 0) | (file_writable(f) ? POLLOUT : 0);
}

const struct file_ops tmpfs_file_ops = {
    .pread = tmpfs_pread, .pwrite = tmpfs_pwrite, .size = tmpfs_size,
    .truncate = tmpfs_truncate, .stat = tmpfs_fstat, .poll = always_ready,
    .release = tmpfs_release,
};

const struct file_ops tmpfs_dir_ops = {
    .getdents = tmpfs_getdents, .dir_path = tmpfs_dir_path, .stat = tmpfs_fstat,
    .poll = always_ready, .release = tmpfs_release,
};
