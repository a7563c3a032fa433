/*
 * pidfds: a file descriptor that names a process (kern/pidfd.c).
 */
#ifndef KERN_PIDFD_H
#define KERN_PIDFD_H

#include "kern/types.h"

struct proc;

/* The pid a pidfd names, or -EBADF if fd is not a pidfd; *nonblock tells whether it
   was opened with PIDFD_NONBLOCK (waitid's P_PIDFD). */
long pidfd_get_pid(int fd, bool *nonblock);
/* p has just become a zombie: pollers of pidfds look again. */
void pidfd_notify_exit(struct proc *p);

#endif
