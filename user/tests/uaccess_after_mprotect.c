// uaccess_after_mprotect: a system call's access to user memory follows mprotect,
// munmap and mmap at once
// lab: 0
//
// The kernel checks every user pointer against the page tables as they are now: a page
// a system call just wrote to, made read-only, is EFAULT for the next one that writes
// there; unmapped, EFAULT for reads too; mapped again, the new page is the one the
// call sees. (siglab remembers the last user page it found, like a TLB entry: this is
// what must forget it.) rt_sigprocmask is the probe: it writes the old mask to
// oldset, reads the new one from set.

#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

// rt_sigprocmask(SIG_BLOCK, set, oldset): 0 or -errno, whatever the C library does.
static long block(const uint64_t *set, uint64_t *oldset)
{
    return syscall(SYS_rt_sigprocmask, SIG_BLOCK, set, oldset, 8) < 0 ? -errno : 0;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    uint64_t *buf = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                         -1, 0);
    check("mmap", buf != MAP_FAILED, 1);
    uint64_t none = 0;

    buf[0] = 12345;
    check("writable page: oldset written", block(&none, buf), 0);
    check("writable page: holds the old mask", buf[0] != 12345, 1);

    mprotect(buf, page, PROT_READ);
    check("read-only page: oldset there is EFAULT", block(&none, buf), -EFAULT);
    check("read-only page: set there is read", block(buf, NULL), 0);

    mprotect(buf, page, PROT_NONE);
    check("PROT_NONE page: set there is EFAULT", block(buf, NULL), -EFAULT);

    mprotect(buf, page, PROT_READ | PROT_WRITE);
    check("writable again: oldset written", block(&none, buf), 0);

    munmap(buf, page);
    check("unmapped page: set there is EFAULT", block(buf, NULL), -EFAULT);
    check("unmapped page: oldset there is EFAULT", block(&none, buf), -EFAULT);

    uint64_t *again = mmap(buf, page, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    check("mapped again at the same address", again == buf, 1);
    check("the new page starts zeroed", again[0], 0);
    again[0] = 777;
    check("new page: oldset written", block(&none, again), 0);
    check("new page: the call wrote the page the program sees", again[0] != 777, 1);
    return failures != 0;
}
