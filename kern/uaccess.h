#ifndef KERN_UACCESS_H
#define KERN_UACCESS_H

#include "kern/types.h"
#include "kern/proc.h"

/*
 * Moving bytes between the kernel and the current process's memory. Every user
 * pointer a system call receives goes through these; they return -EFAULT (never
 * fault the kernel) for addresses that are unmapped, in the kernel half, or not
 * writable for a write.
 */
int copy_from_user_pages(void *dst, uint64_t usrc, size_t n);
int copy_to_user_pages(uint64_t udst, const void *src, size_t n);
/* The kernel address of [uaddr, uaddr+n) if it lies within one page that the current
   process may read (or write); else NULL, and the _pages copies sort it out. */
static inline void *user_ptr_in_page(uint64_t uaddr, size_t n, bool write)
{
    if (n == 0 || uaddr % PAGE_SIZE + n > PAGE_SIZE)
        return 0;
    return mm_user_ptr(current()->mm, uaddr, write);
}

/* Nearly every copy (a sigset, a timespec, a signal frame) lies within one page: one
   lookup and one memcpy, inline, so a small fixed-size copy is a few moves. */
static inline int copy_from_user(void *dst, uint64_t usrc, size_t n)
{
    const void *src = user_ptr_in_page(usrc, n, false);
    if (!src)
        return copy_from_user_pages(dst, usrc, n);
    __builtin_memcpy(dst, src, n);
    return 0;
}

static inline int copy_to_user(uint64_t udst, const void *src, size_t n)
{
    void *dst = user_ptr_in_page(udst, n, true);
    if (!dst)
        return copy_to_user_pages(udst, src, n);
    __builtin_memcpy(dst, src, n);
    return 0;
}

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
