#ifndef KERN_FS_H
#define KERN_FS_H

#include "kern/types.h"
#include "kern/stat.h"

/* A file or directory of the initrd, our read-only file system. Every directory has
   one, the root and those the archive only implies (bin/ for bin/init) included. */
struct inode {
    char path[256];         /* canonical absolute path, e.g. "/bin/init" */
    uint32_t mode;          /* S_IFREG | 0755, S_IFDIR | ..., as the archive says */
    const uint8_t *data;
    size_t size;
    uint64_t ino;
    uint32_t nlink;         /* names this file has (hard links, e.g. busybox's applets) */
    uint64_t link_key;      /* archive number << 32 | the archive's inode number, if nlink > 1 */
};

struct file;

void fs_add_archive(const uint8_t *buf, size_t len, const char *what);
const struct inode *fs_lookup(const char *canonical_path);
bool fs_is_dir(const char *canonical_path);
bool fs_path_exists(const char *canonical_path);  /* file, directory or device */
int fs_resolve(const char *path, char *out);      /* against current()->cwd */
int fs_open(const char *path, int flags, struct file **out);
void inode_stat(const struct inode *ip, struct kstat *st);

/* The whole name space: the initrd, with /tmp mounted on it (kern/sys_fs.c,
   kern/sys_stat.c). */
#define AT_FDCWD -100
int resolve_at(int dirfd, uint64_t upath, char *out);   /* out: canonical, PATH_MAX */
int path_stat(const char *path, struct kstat *st);
int fs_missing(const char *path);                       /* ENOENT or ENOTDIR */
void file_stat(struct file *f, struct kstat *st);

#endif
