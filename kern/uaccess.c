/*
 * User memory access by walking the page tables, one page at a time.
 *
 * Linux lets the MMU check user pointers and recovers from the fault through an
 * exception table; we check first instead: mm_user_ptr() finds the page (faulting
 * it in if its area allows) and we copy through the kernel's direct map. Slower, but
 * a bad pointer can never fault the kernel, and every step is visible in C.
 * Two things keep it cheap where it matters (a system call's sigset, a signal frame):
 * a copy within one page is done inline (uaccess.h), and mm_user_ptr remembers the
 * last page it found, as a TLB entry would (kern/vm.h).
 */
#include "kern/uaccess.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/errno.h"

/* Call fn on each page-sized piece of [uaddr, uaddr+n) with its kernel address. */
static int for_each_user_chunk(struct mm *mm, uint64_t uaddr, size_t n, bool write,
                               void (*fn)(void *kva, size_t off, size_t len, void *arg),
                               void *arg)
{
    if (uaddr + n < uaddr)
        return -EFAULT;     /* wraps around */
    size_t done = 0;
    while (done < n) {
        uint64_t va = uaddr + done;
        size_t len = MIN(n - done, PAGE_SIZE - va % PAGE_SIZE);
        void *kva = mm_user_ptr(mm, va, write);
        if (!kva)
            return -EFAULT;
        fn(kva, done, len, arg);
        done += len;
    }
    return 0;
}

static void chunk_from_user(void *kva, size_t off, size_t len, void *dst)
{
    memcpy((uint8_t *)dst + off, kva, len);
}

static void chunk_to_user(void *kva, size_t off, size_t len, void *src)
{
    memcpy(kva, (const uint8_t *)src + off, len);
}

static void chunk_clear(void *kva, size_t off, size_t len, void *unused)
{
    (void)off, (void)unused;
    memset(kva, 0, len);
}

int copy_from_user_pages(void *dst, uint64_t usrc, size_t n)
{
    return for_each_user_chunk(current()->mm, usrc, n, false, chunk_from_user, dst);
}

int copy_to_user_pages(uint64_t udst, const void *src, size_t n)
{
    return for_each_user_chunk(current()->mm, udst, n, true, chunk_to_user, (void *)src);
}

int copy_to_mm(struct mm *mm, uint64_t udst, const void *src, size_t n)
{
    return for_each_user_chunk(mm, udst, n, true, chunk_to_user, (void *)src);
}

static void chunk_nothing(void *kva, size_t off, size_t len, void *unused)
{
    (void)kva, (void)off, (void)len, (void)unused;
}

int access_user(uint64_t uaddr, size_t n, bool write)
{
    return for_each_user_chunk(current()->mm, uaddr, n, write, chunk_nothing, 0);
}

int clear_user(uint64_t udst, size_t n)
{
    return for_each_user_chunk(current()->mm, udst, n, true, chunk_clear, 0);
}

long strncpy_from_user(char *dst, uint64_t usrc, size_t max)
{
    for (size_t i = 0; i < max; i++) {
        const char *p = mm_user_ptr(current()->mm, usrc + i, false);
        if (!p)
            return -EFAULT;
        dst[i] = *p;
        if (!*p)
            return i;
    }
    return -ENAMETOOLONG;
}
