/*
 * Resource limits: getrlimit, setrlimit, prlimit64. These are enforced: RLIMIT_CORE
 * (whether a core-dumping signal sets the core bit of the wait status), RLIMIT_SIGPENDING
 * (queued real-time signals), RLIMIT_CPU (SIGXCPU, then SIGKILL), RLIMIT_FSIZE (SIGXFSZ),
 * RLIMIT_NOFILE (the lowest fd open may return), RLIMIT_AS (the address space: mmap,
 * brk and the stack's growth) and RLIMIT_STACK (how far the main stack grows, and where
 * execve puts mmap_base; kern/mmap_layout.c). The others are kept and reported but not enforced.
 */
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/syscall.h"
#include "kern/pmm.h"

#define RLIMIT_NOFILE   7
#define RLIMIT_MEMLOCK  8
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE     13
#define RLIMIT_RTPRIO   14
#define RLIMIT_SIGPENDING_DEFAULT 1024

/*
 * Linux's fork_init sizes its task limit, threads-max, from memory: the thread
 * structures (a kernel stack each) may take an eighth of RAM, so max_threads =
 * RAM / (8 * THREAD_SIZE), at least 20; and then gives init RLIMIT_NPROC =
 * max_threads / 2, so one user's processes cannot take all of them. We do the same
 * with our table as the upper bound: in 128 MiB that is about 970, so the default
 * RLIMIT_NPROC is about 480 (root is never held to it, kern/fork.c).
 */
static uint64_t max_threads(void)
{
    uint64_t threads = pages_total() * PAGE_SIZE / (8 * KSTACK_SIZE);
    return MIN(MAX(threads, 20), NPROC);
}

/* Linux's defaults, except RLIMIT_SIGPENDING, which Linux also takes from the
   machine's size (max_threads / 2). */
void rlimit_init(struct proc *p)
{
    for (int i = 0; i < RLIMIT_NLIMITS; i++)
        p->rlimit[i] = (struct rlimit_k){ RLIM_INFINITY, RLIM_INFINITY };
    p->rlimit[RLIMIT_STACK].cur = 8UL << 20;
    p->rlimit[RLIMIT_CORE].cur = 0;
    p->rlimit[RLIMIT_NOFILE] = (struct rlimit_k){ NOFILE, NOFILE };
    p->rlimit[RLIMIT_MEMLOCK] = (struct rlimit_k){ 8UL << 20, 8UL << 20 };
    p->rlimit[RLIMIT_MSGQUEUE] = (struct rlimit_k){ 819200, 819200 };
    p->rlimit[RLIMIT_NICE] = p->rlimit[RLIMIT_RTPRIO] = (struct rlimit_k){ 0, 0 };
    p->rlimit[RLIMIT_NPROC] = (struct rlimit_k){ max_threads() / 2, max_threads() / 2 };
    p->rlimit[RLIMIT_SIGPENDING] = (struct rlimit_k){ RLIMIT_SIGPENDING_DEFAULT,
                                                      RLIMIT_SIGPENDING_DEFAULT };
}

long sys_prlimit64(int pid, unsigned resource, uint64_t unew, uint64_t uold)
{
    struct proc *p = pid ? proc_find(pid) : current();
    struct rlimit_k new;
    if (resource >= RLIMIT_NLIMITS)
        return -EINVAL;
    if (unew && copy_from_user(&new, unew, sizeof(new)) < 0)
        return -EFAULT;
    if (unew && new.cur > new.max)
        return -EINVAL;
    if (!p || p->state == ZOMBIE)
        return -ESRCH;
    struct rlimit_k old = p->rlimit[resource];
    if (unew)
        p->rlimit[resource] = new;      /* everyone is root: raising max is allowed */
    if (uold && copy_to_user(uold, &old, sizeof(old)) < 0)
        return -EFAULT;
    return 0;
}

long sys_getrlimit(unsigned resource, uint64_t uold)
{
    if (!uold)
        return -EFAULT;     /* prlimit64 may be given no old pointer; getrlimit must */
    return sys_prlimit64(0, resource, 0, uold);
}

long sys_setrlimit(unsigned resource, uint64_t unew)
{
    if (!unew)
        return -EFAULT;
    return sys_prlimit64(0, resource, unew, 0);
}
