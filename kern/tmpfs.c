/*
 * /tmp's name space: a fixed table of nodes, each naming its parent directory, so a
 * directory's entries are the nodes that point to it. The table is small (512 nodes)
 * and scanning it is cheaper than keeping per-directory lists right. Running out of
 * nodes is ENOSPC, as running out of inodes is on Linux.
 */
#include "kern/tmpfs.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/timer.h"

struct tnode tnodes[TMPFS_NODES];
static struct tnode *root;
static uint64_t next_ino = 1;

void tnode_changed(struct tnode *n, bool contents)
{
    n->ctime = ns_to_timespec(realtime_ns());
    if (contents)
        n->mtime = n->ctime;
}

static struct tnode *init_node(struct tnode *n, uint32_t mode)
{
    *n = (struct tnode){ .used = true, .linked = true, .mode = mode, .ino = next_ino++ };
    n->atime = n->mtime = n->ctime = ns_to_timespec(realtime_ns());
    return n;
}

static struct tnode *get_root(void)
{
    if (!root)
        root = init_node(&tnodes[0], S_IFDIR | 01777);
    return root;
}

bool tmpfs_owns(const char *path)
{
    return strncmp(path, "/tmp", 4) == 0 && (path[4] == 0 || path[4] == '/');
}

static struct tnode *child(const struct tnode *dir, const char *name, size_t len)
{
    for (struct tnode *n = tnodes; n < tnodes + TMPFS_NODES; n++)
        if (n->used && n->parent == dir && strlen(n->name) == len &&
            memcmp(n->name, name, len) == 0)
            return n;
    return 0;
}

/* The node at path, or NULL with *err set as Linux's lookup would (ENOENT, ENOTDIR). */
static struct tnode *walk(const char *path, int *err)
{
    struct tnode *n = get_root();
    const char *p = path + 4;
    while (*p == '/') {
        const char *name = ++p;
        while (*p && *p != '/')
            p++;
        if (!S_ISDIR(n->mode)) {
            *err = -ENOTDIR;
            return 0;
        }
        if (!(n = child(n, name, p - name))) {
            *err = -ENOENT;
            return 0;
        }
    }
    return n;
}

/* Split path into its directory (which must exist) and last name. The root has no
   parent here: it is a mount point, EBUSY. */
static int walk_parent(const char *path, struct tnode **dir, const char **name)
{
    const char *slash = path + strlen(path);
    while (*--slash != '/')
        ;
    if (slash < path + 4)
        return -EBUSY;
    if (strlen(slash + 1) > NAME_MAX)
        return -ENAMETOOLONG;
    char parent[PATH_MAX];
    memcpy(parent, path, slash - path);
    parent[slash - path] = 0;
    int err = 0;
    *dir = walk(parent, &err);
    if (!*dir)
        return err;
    if (!S_ISDIR((*dir)->mode))
        return -ENOTDIR;
    *name = slash + 1;
    return 0;
}

static struct tnode *free_node(void)
{
    get_root();
    for (struct tnode *n = tnodes; n < tnodes + TMPFS_NODES; n++)
        if (!n->used)
            return n;
    return 0;
}

/* Give n its place in dir; both directories' entries change, and so does n's ctime. */
static void name_node(struct tnode *n, struct tnode *dir, const char *name)
{
    if (n->parent)
        tnode_changed(n->parent, true);
    n->parent = dir;
    strlcpy(n->name, name, sizeof(n->name));
    tnode_changed(dir, true);
    tnode_changed(n, false);
}

/* A new file belongs to its creator's filesystem ids (Linux inode_init_owner);
   nothing checks them, but stat shows them. */
static struct tnode *new_node(struct tnode *n, struct tnode *dir, const char *name, uint32_t mode)
{
    init_node(n, mode);
    n->uid = current()->cred.uid.fs;
    n->gid = current()->cred.gid.fs;
    name_node(n, dir, name);
    return n;
}

void tnode_put(struct tnode *n)
{
    if (n->linked || n->opens || n == root)
        return;
    tdata_truncate(&n->data, 0);
    n->used = false;
}

static bool has_children(const struct tnode *dir)
{
    for (struct tnode *n = tnodes; n < tnodes + TMPFS_NODES; n++)
        if (n->used && n->parent == dir)
            return true;
    return false;
}

static int open_node(struct tnode *n, int flags, struct file **out)
{
    bool dir = S_ISDIR(n->mode);
    if (dir && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT)))
        return -EISDIR;
    if (!dir && (flags & O_DIRECTORY))
        return -ENOTDIR;
    struct file *f = file_alloc(dir ? &tmpfs_dir_ops : &tmpfs_file_ops, flags, n->mode, n);
    if (!f)
        return -ENFILE;
    n->opens++;
    if ((flags & O_TRUNC) && !dir && n->size) {
        tdata_truncate(&n->data, 0);
        n->size = 0;
        tnode_changed(n, true);
    }
    *out = f;
    return 0;
}

int tmpfs_open(const char *path, int flags, uint32_t mode, struct file **out)
{
    int err = 0;
    struct tnode *n = walk(path, &err);
    if (n) {
        if ((flags & O_CREAT) && (flags & O_EXCL))
            return -EEXIST;
        return open_node(n, flags, out);
    }
    if (err != -ENOENT || !(flags & O_CREAT))
        return err;
    struct tnode *dir;
    const char *name;
    if ((err = walk_parent(path, &dir, &name)) < 0)
        return err;
    if (flags & O_DIRECTORY)
        return -EISDIR;     /* Linux: O_CREAT|O_DIRECTORY never creates a directory */
    struct tnode *slot = free_node();
    if (!slot)
        return -ENOSPC;
    new_node(slot, dir, name, S_IFREG | (mode & 07777));
    err = open_node(slot, flags, out);
    if (err < 0) {
        slot->linked = false;
        slot->parent = 0;
        tnode_put(slot);
    }
    return err;
}

/* O_TMPFILE: a file born unlinked in directory dir; it lives while it is open. */
int tmpfs_open_unnamed(const char *dir, int flags, uint32_t mode, struct file **out)
{
    int err = 0;
    struct tnode *d = walk(dir, &err), *slot;
    if (!d)
        return err;
    if (!S_ISDIR(d->mode))
        return -ENOTDIR;
    if (!(slot = free_node()))
        return -ENOSPC;
    init_node(slot, S_IFREG | (mode & 07777))->linked = false;
    err = open_node(slot, flags & ~O_TMPFILE, out);
    tnode_put(slot);
    return err;
}

int tmpfs_stat(const char *path, struct kstat *st)
{
    int err = 0;
    struct tnode *n = walk(path, &err);
    if (!n)
        return err;
    tnode_stat(n, st);
    return 0;
}

struct tnode *tmpfs_node(const char *path, int *err)
{
    return walk(path, err);
}

struct tnode *tmpfs_file_node(struct file *f)
{
    return f->ops == &tmpfs_file_ops || f->ops == &tmpfs_dir_ops ? f->priv : 0;
}

int tmpfs_statfs(uint64_t *blocks, uint64_t *bfree, uint64_t *files, uint64_t *ffree)
{
    *blocks = tdata_pages_limit();
    *bfree = *blocks - MIN(*blocks, tdata_pages_used());
    *files = TMPFS_NODES;
    *ffree = 0;
    for (struct tnode *n = tnodes; n < tnodes + TMPFS_NODES; n++)
        *ffree += !n->used;
    return 0;
}

int tmpfs_mkdir(const char *path, uint32_t mode)
{
    int err = 0;
    if (walk(path, &err))
        return -EEXIST;
    if (err != -ENOENT)
        return err;
    struct tnode *dir, *slot;
    const char *name;
    if ((err = walk_parent(path, &dir, &name)) < 0)
        return err;
    if (!(slot = free_node()))
        return -ENOSPC;
    new_node(slot, dir, name, S_IFDIR | (mode & 07777));
    return 0;
}

static void drop_name(struct tnode *n)
{
    tnode_changed(n->parent, true);
    tnode_changed(n, false);
    n->linked = false;
    n->parent = 0;
    tnode_put(n);
}

int tmpfs_unlink(const char *path, bool is_rmdir)
{
    struct tnode *dir;
    const char *name;
    int err = walk_parent(path, &dir, &name);
    if (err < 0)
        return err == -EBUSY && !is_rmdir ? -EISDIR : err;
    struct tnode *n = child(dir, name, strlen(name));
    if (!n)
        return -ENOENT;
    if (is_rmdir && !S_ISDIR(n->mode))
        return -ENOTDIR;
    if (!is_rmdir && S_ISDIR(n->mode))
        return -EISDIR;
    if (is_rmdir && has_children(n))
        return -ENOTEMPTY;
    drop_name(n);
    return 0;
}

/* Is n the directory d or inside it? (A directory cannot move into itself.) */
static bool is_within(const struct tnode *n, const struct tnode *d)
{
    for (; n; n = n->parent)
        if (n == d)
            return true;
    return false;
}

/* What rename(2) refuses when target t exists and source s would replace it. */
static int check_replace(const struct tnode *s, const struct tnode *t, unsigned flags)
{
    if (flags & RENAME_NOREPLACE)
        return -EEXIST;
    if (flags & RENAME_EXCHANGE)
        return 0;
    if (S_ISDIR(s->mode) && !S_ISDIR(t->mode))
        return -ENOTDIR;
    if (!S_ISDIR(s->mode) && S_ISDIR(t->mode))
        return -EISDIR;
    if (S_ISDIR(t->mode) && has_children(t))
        return -ENOTEMPTY;
    return 0;
}

int tmpfs_rename(const char *from, const char *to, unsigned flags)
{
    struct tnode *sdir, *tdir;
    const char *sname, *tname;
    int err = walk_parent(from, &sdir, &sname);
    if (!err)
        err = walk_parent(to, &tdir, &tname);
    if (err < 0)
        return err;
    struct tnode *s = child(sdir, sname, strlen(sname));
    struct tnode *t = child(tdir, tname, strlen(tname));
    if (!s || (!t && (flags & RENAME_EXCHANGE)))
        return -ENOENT;
    if (s == t)
        return 0;
    if (is_within(tdir, s) || (t && (flags & RENAME_EXCHANGE) && is_within(sdir, t)))
        return -EINVAL;
    if (t && (err = check_replace(s, t, flags)) < 0)
        return err;
    if (flags & RENAME_EXCHANGE) {
        name_node(t, sdir, sname);
    } else if (t) {
        drop_name(t);
    }
    name_node(s, tdir, tname);
    return 0;
}
