/* The file execve runs: from the initrd or from /tmp, read by offset (kern/exec_file.c). */
#ifndef KERN_EXEC_FILE_H
#define KERN_EXEC_FILE_H

#include "kern/types.h"

struct inode;
struct tnode;

struct exec_file {
    const struct inode *ip;     /* a file of the initrd, or */
    struct tnode *tn;           /* a /tmp file */
    uint64_t size;
};

/* The regular, executable file at canonical path: -ENOENT, -ENOTDIR, -EACCES. */
int exec_file_open(const char *path, struct exec_file *xf);
/* Copy bytes [off, off + len) into the kernel buffer dst; how many the file had. */
size_t exec_file_read(const struct exec_file *xf, uint64_t off, void *dst, size_t len);

#endif
