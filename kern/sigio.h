/*
 * Signal-driven I/O (sigio.c): fcntl's F_SETOWN family and the SIGIO a file with
 * O_ASYNC sends its owner when it becomes readable or writable.
 */
#ifndef KERN_SIGIO_H
#define KERN_SIGIO_H

#include "kern/types.h"

struct file;

/* si_code of a SIGIO queued with F_SETSIG (Linux asm-generic/siginfo.h). */
#define POLL_IN     1           /* input available */
#define POLL_OUT    2           /* output buffers available */

/* fcntl(fd, F_SETOWN, ...) and the other owner/signal commands; -EINVAL for others. */
long fcntl_sigio(struct file *f, int cmd, uint64_t arg);
bool fcntl_is_sigio(int cmd);
/* F_SETFL turned O_ASYNC on through descriptor fd. */
void fasync_on(struct file *f, int fd);
/* Make process group pgrp the owner, unless f has one already (Linux __f_setown
   with force 0: what a terminal does when O_ASYNC is turned on). */
void f_setown_default(struct file *f, pid_t pgrp);
/* I/O is possible on f (reason POLL_IN or POLL_OUT): if it has O_ASYNC, signal its
   owner (Linux kill_fasync). */
void kill_fasync(struct file *f, int reason);

#endif
