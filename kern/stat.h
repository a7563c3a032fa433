/* File metadata as Linux x86-64 reports it: struct stat (stat(2), fstat, newfstatat)
   and the st_mode and d_type constants. */
#ifndef KERN_STAT_H
#define KERN_STAT_H

#include "kern/types.h"

/* st_mode file types */
#define S_IFMT      0170000
#define S_IFIFO     0010000
#define S_IFCHR     0020000
#define S_IFDIR     0040000
#define S_IFREG     0100000
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)

/* getdents64 d_type: the S_IF* type shifted down (include/linux/fs_types.h) */
#define DT_TYPE(mode)   (((mode) & S_IFMT) >> 12)

/* struct stat as Linux x86-64 lays it out (144 bytes). */
struct kstat {
    uint64_t st_dev, st_ino, st_nlink;
    uint32_t st_mode, st_uid, st_gid, pad0;
    uint64_t st_rdev;
    int64_t st_size, st_blksize, st_blocks;
    uint64_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
    int64_t reserved[3];
};

/* Device numbers of our file systems, as st_dev shows them. */
#define DEV_INITRD  1
#define DEV_TMPFS   2
#define DEV_DEVICES 3

#endif
