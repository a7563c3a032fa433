#ifndef KERN_UACCESS_H
#define KERN_UACCESS_H

#include "kern/types.h"

/*
 * Moving bytes between the kernel and the current process's memory. Every user
 * pointer a system call receives goes through these; they return -EFAULT (never
 * fault the kernel) for addresses that are unmapped, in the kernel half, or not
 * writable for a write.
 */
int copy_from_user(void *dst, uint64_t usrc, size_t n);
int copy_to_user(uint64_t udst, const void *src, size_t n);
int clear_user(uint64_t udst, size_t n);
/* 0 if all of [uaddr, uaddr+n) can be read (or written, if write), else -EFAULT:
   for calls that must fail before they do anything (readv, writev). */
int access_user(uint64_t uaddr, size_t n, bool write);
/* Copy a NUL-terminated string of at most max-1 bytes: its length, -EFAULT, or
   -ENAMETOOLONG if there is no NUL within max bytes. */
long strncpy_from_user(char *dst, uint64_t usrc, size_t max);

struct mm;
/* The same, for an address space that need not be the current one (exec). */
int copy_to_mm(struct mm *mm, uint64_t udst, const void *src, size_t n);

#endif
