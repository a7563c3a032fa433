/*
 * Open files. A file descriptor indexes the process's ofile[] table; several
 * descriptors (dup, fork) may share one struct file and so its offset and flags.
 * What a file *is* (pipe end, console, initrd file, /dev/null) is in its ops.
 */
#ifndef KERN_FILE_H
#define KERN_FILE_H

#include "kern/types.h"
#include "kern/stat.h"

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
#define O_LARGEFILE 0100000     /* always set by open on 64-bit Linux, F_GETFL shows it */
#define O_ASYNC     020000      /* FASYNC: SIGIO to the owner when I/O is possible */
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000
#define O_CLOEXEC   02000000
#define O_PATH      010000000
#define O_TMPFILE   (020000000 | O_DIRECTORY)   /* an unnamed file in a directory */

/* poll(2) events */
#define POLLIN      0x001
#define POLLPRI     0x002
#define POLLOUT     0x004
#define POLLERR     0x008
#define POLLHUP     0x010
#define POLLNVAL    0x020

struct file;
struct kstat;

/* A stream (pipe, console) has read and write; a file with contents has pread and
   pwrite at explicit offsets instead, and sys_read keeps its offset; a directory has
   getdents. Missing operations give Linux's errno for that kind of file. */
struct file_ops {
    ssize_t (*read)(struct file *f, uint64_t ubuf, size_t n);
    size_t min_read;            /* a smaller read(), even of 0 bytes, is EINVAL (signalfd) */
    ssize_t (*write)(struct file *f, uint64_t ubuf, size_t n);
    ssize_t (*pread)(struct file *f, uint64_t ubuf, size_t n, uint64_t off);
    ssize_t (*pwrite)(struct file *f, uint64_t ubuf, size_t n, uint64_t off);
    uint64_t (*size)(struct file *f);                   /* for SEEK_END and O_APPEND */
    int (*truncate)(struct file *f, uint64_t len);
    long (*getdents)(struct file *f, uint64_t ubuf, size_t n);
    int (*dir_path)(struct file *f, char *out);         /* a directory's path, for *at() */
    void (*stat)(struct file *f, struct kstat *st);     /* else: f->mode, dev 3 */
    int (*poll)(struct file *f);                        /* POLLIN | POLLOUT | ... now */
    long (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
    void (*release)(struct file *f);                    /* last reference gone */
    void (*fasync)(struct file *f);                     /* O_ASYNC set: the file sends SIGIO
                                                           (kern/sigio.c); without it
                                                           O_ASYNC does not stick */
};

/* Who gets SIGIO for a file (F_SETOWN), and the ids of whoever said so: they decide
   at signal time whether the owner may be signalled (Linux struct fown_struct). */
struct fown_struct {
    pid_t pid;              /* 0: nobody */
    int type;               /* F_OWNER_TID, F_OWNER_PID or F_OWNER_PGRP (pid is then a pgid) */
    uint32_t uid, euid;
    int signum;             /* F_SETSIG: 0 means plain SIGIO without siginfo */
};

struct file {
    const struct file_ops *ops;
    int ref;
    int flags;              /* open's flags but O_CREAT O_EXCL O_NOCTTY O_TRUNC O_CLOEXEC */
    uint32_t mode;          /* S_IF* type, for fstat */
    void *priv;             /* the pipe, the initrd entry, ... */
    uint64_t off;
    struct fown_struct owner;   /* kern/sigio.c */
    int async_fd;           /* the descriptor O_ASYNC was set through: si_fd */
};

struct proc;

struct file *file_alloc(const struct file_ops *ops, int flags, uint32_t mode, void *priv);
struct file *file_dup(struct file *f);
void file_close(struct file *f);
struct file *fd_get(int fd);                    /* current process; NULL if not open */
int fd_install(struct file *f, bool cloexec);   /* lowest free descriptor, or -EMFILE */
bool file_readable(const struct file *f);
/* kill_fasync on every open file with these ops (the console is opened many times). */
void kill_fasync_ops(const struct file_ops *ops, int reason);
bool file_writable(const struct file *f);

/* Wakes every process sleeping in poll/select: called whenever a pipe or the console
   may have become readable or writable. */
void poll_notify(void);
extern char poll_wait_chan;

int console_open_stdio(struct proc *p);

struct proc;
void fd_close_on_exec(struct proc *p);     /* execve: close the FD_CLOEXEC ones */

#endif
