/*
 * Open files. A file descriptor indexes the process's ofile[] table; several
 * descriptors (dup, fork) may share one struct file and so its offset and flags.
 * What a file *is* (pipe end, console, initrd file, /dev/null) is in its ops.
 */
#ifndef KERN_FILE_H
#define KERN_FILE_H

#include "kern/types.h"

/* open(2) flags (Linux x86-64 values) */
#define O_ACCMODE   3
#define O_RDONLY    0
#define O_WRONLY    1
#define O_RDWR      2
#define O_CREAT     0100
#define O_EXCL      0200
#define O_NOCTTY    0400
#define O_TRUNC     01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC   02000000

/* poll(2) events */
#define POLLIN      0x001
#define POLLPRI     0x002
#define POLLOUT     0x004
#define POLLERR     0x008
#define POLLHUP     0x010
#define POLLNVAL    0x020

/* st_mode file types */
#define S_IFMT      0170000
#define S_IFIFO     0010000
#define S_IFCHR     0020000
#define S_IFDIR     0040000
#define S_IFREG     0100000

struct file;

struct file_ops {
    ssize_t (*read)(struct file *f, uint64_t ubuf, size_t n);
    ssize_t (*write)(struct file *f, uint64_t ubuf, size_t n);
    int (*poll)(struct file *f);                        /* POLLIN | POLLOUT | ... now */
    long (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
    void (*release)(struct file *f);                    /* last reference gone */
};

struct file {
    const struct file_ops *ops;
    int ref;
    int flags;              /* O_ACCMODE | O_APPEND | O_NONBLOCK */
    uint32_t mode;          /* S_IF* type, for fstat */
    void *priv;             /* the pipe, the initrd entry, ... */
    uint64_t off;
};

struct proc;

struct file *file_alloc(const struct file_ops *ops, int flags, uint32_t mode, void *priv);
struct file *file_dup(struct file *f);
void file_close(struct file *f);
struct file *fd_get(int fd);                    /* current process; NULL if not open */
int fd_install(struct file *f, bool cloexec);   /* lowest free descriptor, or -EMFILE */
bool file_readable(const struct file *f);
bool file_writable(const struct file *f);

/* Wakes every process sleeping in poll/select: called whenever a pipe or the console
   may have become readable or writable. */
void poll_notify(void);
extern char poll_wait_chan;

int console_open_stdio(struct proc *p);

#endif
