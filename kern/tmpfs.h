/*
 * /tmp: a small file system in memory, the only writable one. Paths given here are
 * canonical (kern/path.c) and lie at or below /tmp. Modes arrive with the umask
 * already applied.
 */
#ifndef KERN_TMPFS_H
#define KERN_TMPFS_H

#include "kern/types.h"
#include "kern/stat.h"
#include "kern/timespec.h"
#include "kern/tmpfs_data.h"

#define NAME_MAX 255

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE  2

struct file;

bool tmpfs_owns(const char *path);
int tmpfs_open(const char *path, int flags, uint32_t mode, struct file **out);
int tmpfs_open_unnamed(const char *dir, int flags, uint32_t mode, struct file **out);
int tmpfs_stat(const char *path, struct kstat *st);
int tmpfs_mkdir(const char *path, uint32_t mode);
int tmpfs_unlink(const char *path, bool is_rmdir);
int tmpfs_rename(const char *from, const char *to, unsigned flags);

/* Inside tmpfs (kern/tmpfs.c, kern/tmpfs_file.c): one file or directory. */
struct tnode {
    bool used;
    bool linked;            /* has a name; false once unlinked (nlink 0) */
    int opens;              /* struct files open on it: it lives until both are gone */
    struct tnode *parent;   /* the directory holding it; NULL for the root and unlinked */
    char name[NAME_MAX + 1];
    uint32_t mode;
    uint32_t uid, gid;
    uint64_t ino;
    uint64_t size;
    struct timespec_k atime, mtime, ctime;   /* since 1970; utimensat may set any */
    struct tdata data;
};

extern const struct file_ops tmpfs_file_ops, tmpfs_dir_ops;

#define TMPFS_NODES 512
extern struct tnode tnodes[TMPFS_NODES];

/* For the attribute calls (kern/sys_attr.c): the node at path, or of an open file
   (NULL if f is not a /tmp file). */
struct tnode *tmpfs_node(const char *path, int *err);
struct tnode *tmpfs_file_node(struct file *f);
/* Something changed: the contents (mtime and ctime) or only the attributes (ctime). */
void tnode_changed(struct tnode *n, bool contents);
int tmpfs_statfs(uint64_t *blocks, uint64_t *bfree, uint64_t *files, uint64_t *ffree);

void tnode_stat(const struct tnode *n, struct kstat *st);
void tnode_put(struct tnode *n);    /* free it if it has neither name nor opener */
int tnode_path(const struct tnode *n, char *out);

#endif
