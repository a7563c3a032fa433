#ifndef KERN_FS_H
#define KERN_FS_H

#include "kern/types.h"

/* A file of the initrd, our only (read-only) file system. */
struct inode {
    char path[256];         /* canonical absolute path, e.g. "/bin/init" */
    uint32_t mode;          /* S_IFREG | 0755, S_IFDIR | ..., as the archive says */
    const uint8_t *data;
    size_t size;
    uint64_t ino;
};

void fs_add_archive(const uint8_t *buf, size_t len, const char *what);
const struct inode *fs_lookup(const char *canonical_path);
bool fs_is_dir(const char *canonical_path);
bool fs_path_exists(const char *canonical_path);  /* file, directory or device */
int fs_resolve(const char *path, char *out);      /* against current()->cwd */

#endif
