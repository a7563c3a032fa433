/*
 * The initrd: a flat table of the archive's members, read-only. A directory's entries
 * are the members whose path's parent is the directory's path. /tmp is added as an
 * empty directory, the mount point of kern/tmpfs.c.
 */
#include "kern/fs.h"
#include "kern/cpio.h"
#include "kern/path.h"
#include "kern/file.h"
#include "kern/dirent.h"
#include "kern/dev.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/printk.h"

#define MAX_INODES 512

static struct inode inodes[MAX_INODES];
static int ninodes;

static struct inode *find(const char *path)
{
    for (int i = 0; i < ninodes; i++)
        if (strcmp(inodes[i].path, path) == 0)
            return &inodes[i];
    return 0;
}

static struct inode *add_inode(const char *path)
{
    struct inode *ip = find(path);
    if (ip)
        return ip;
    if (ninodes == MAX_INODES) {
        printk("initrd: too many files, dropping %s\n", path);
        return 0;
    }
    ip = &inodes[ninodes];
    *ip = (struct inode){ .mode = S_IFDIR | 0755, .ino = ++ninodes };
    strlcpy(ip->path, path, sizeof(ip->path));
    return ip;
}

/* Every ancestor of path gets a directory inode, unless the archive gave one. */
static void add_parents(const char *path)
{
    char dir[256];
    strlcpy(dir, path, sizeof(dir));
    char *slash = dir + strlen(dir);
    while (--slash > dir) {
        if (*slash != '/')
            continue;
        *slash = 0;
        add_inode(dir);
    }
}

/*
 * A hard link: the names of one file share its archive inode number, and only one of
 * them (GNU cpio: the last) carries the data. Every name ends up with that data and
 * with the first name's inode number, so stat shows them as one file.
 */
static void join_links(struct inode *ip)
{
    struct inode *first = 0;
    for (int i = 0; i < ninodes; i++) {
        struct inode *other = &inodes[i];
        if (other == ip || other->link_key != ip->link_key || other->nlink < 2)
            continue;
        if (!first)
            first = other;
        if (ip->size)
            other->data = ip->data, other->size = ip->size;
    }
    if (!first)
        return;
    ip->ino = first->ino;
    if (!ip->size)
        ip->data = first->data, ip->size = first->size;
}

/* Add (or, for a later archive, replace) one archive member. */
static void add_entry(const struct cpio_entry *e, void *arg)
{
    uint64_t archive = *(uint64_t *)arg;
    char path[256];
    if (path_resolve("/", e->name, path, sizeof(path)) < 0 || strcmp(path, "/") == 0)
        return;
    add_parents(path);
    struct inode *ip = add_inode(path);
    if (!ip)
        return;
    ip->mode = e->mode;
    ip->data = e->data;
    ip->size = e->size;
    ip->nlink = e->nlink;
    ip->link_key = archive << 32 | e->ino;
    if (e->nlink > 1 && S_ISREG(e->mode))
        join_links(ip);
}

void fs_add_archive(const uint8_t *buf, size_t len, const char *what)
{
    static uint64_t narchives;
    uint64_t archive = ++narchives;
    if (!ninodes) {
        add_inode("/");
        add_inode("/tmp");
        add_inode("/dev");
        for (int i = 0; device_paths[i]; i++)
            add_inode(device_paths[i])->mode = S_IFCHR | 0666;
    }
    int n = cpio_parse(buf, len, add_entry, &archive);
    if (n < 0)
        printk("initrd: %s is not a valid newc cpio archive (read what we could)\n", what);
    else
        printk("initrd: %s: %d files\n", what, n);
}

const struct inode *fs_lookup(const char *path)
{
    return find(path);
}

bool fs_is_dir(const char *path)
{
    const struct inode *ip = find(path);
    return ip && S_ISDIR(ip->mode);
}

int fs_resolve(const char *path, char *out)
{
    return path_resolve(current()->cwd, path, out, PATH_MAX);
}

void inode_stat(const struct inode *ip, struct kstat *st)
{
    *st = (struct kstat){
        .st_dev = DEV_INITRD, .st_ino = ip->ino, .st_nlink = S_ISDIR(ip->mode) ? 2 : ip->nlink > 1 ? ip->nlink : 1,
        .st_mode = ip->mode, .st_size = ip->size, .st_blksize = 4096,
        .st_blocks = (ip->size + 511) / 512,
    };
}

/* ---- open initrd files ---- */

static ssize_t inode_pread(struct file *f, uint64_t ubuf, size_t n, uint64_t off)
{
    const struct inode *ip = f->priv;
    if (off >= ip->size)
        return 0;
    size_t len = MIN(n, ip->size - off);
    if (copy_to_user(ubuf, ip->data + off, len) < 0)
        return -EFAULT;
    return len;
}

static uint64_t inode_size(struct file *f)
{
    return ((const struct inode *)f->priv)->size;
}

static void inode_fstat(struct file *f, struct kstat *st)
{
    inode_stat(f->priv, st);
}

/* ip's name if it is an entry of directory dir (its path's parent is dir), else NULL. */
static const char *name_in_dir(const struct inode *ip, const char *dir)
{
    size_t len = strlen(dir);
    if (len == 1)
        len = 0;                /* the root: "/x" is in it */
    if (strncmp(ip->path, dir, len) != 0 || ip->path[len] != '/' || !ip->path[len + 1] ||
        strchr(ip->path + len + 1, '/'))
        return 0;
    return ip->path + len + 1;
}

/* Offsets: 0 is ".", 1 is "..", 2 + i is inode i. */
static long inode_getdents(struct file *f, uint64_t ubuf, size_t size)
{
    const struct inode *dir = f->priv;
    struct dirent_buf b = { .ubuf = ubuf, .size = size };
    if (f->off == 0 && dirent_put(&b, dir->ino, 1, DT_TYPE(S_IFDIR), "."))
        f->off = 1;
    if (f->off == 1) {
        char parent[PATH_MAX];
        path_resolve(dir->path, "..", parent, sizeof(parent));
        const struct inode *up = find(parent);
        if (dirent_put(&b, up ? up->ino : dir->ino, 2, DT_TYPE(S_IFDIR), ".."))
            f->off = 2;
    }
    for (int64_t i = f->off >= 2 ? (int64_t)f->off - 2 : ninodes; i < ninodes; i++) {
        const struct inode *ip = &inodes[i];
        const char *name = name_in_dir(ip, dir->path);
        if (name && !dirent_put(&b, ip->ino, i + 3, DT_TYPE(ip->mode), name))
            return dirent_result(&b, true);
        f->off = i + 3;
    }
    return dirent_result(&b, f->off < 2);
}

static int inode_dir_path(struct file *f, char *out)
{
    strlcpy(out, ((const struct inode *)f->priv)->path, PATH_MAX);
    return 0;
}

static int always_ready(struct file *f)
{
    return (file_readable(f) ? POLLIN : 0) | (file_writable(f) ? POLLOUT : 0);
}

static const struct file_ops inode_ops = {
    .pread = inode_pread, .size = inode_size, .stat = inode_fstat, .poll = always_ready,
};

static const struct file_ops inode_dir_ops = {
    .getdents = inode_getdents, .dir_path = inode_dir_path, .stat = inode_fstat,
    .poll = always_ready,
};

/* Open what exists; writing anything here is EROFS (the caller sorted out O_CREAT). */
int fs_open(const char *path, int flags, struct file **out)
{
    const struct inode *ip = find(path);
    if (!ip)
        return -ENOENT;
    if ((flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    bool dir = S_ISDIR(ip->mode);
    if (dir && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT)))
        return -EISDIR;
    if (!dir && (flags & O_DIRECTORY))
        return -ENOTDIR;
    if (S_ISCHR(ip->mode)) {
        *out = dev_open(path, flags);
        return *out ? 0 : -ENFILE;
    }
    if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
        return -EROFS;
    *out = file_alloc(dir ? &inode_dir_ops : &inode_ops, flags, ip->mode, (void *)ip);
    return *out ? 0 : -ENFILE;
}
