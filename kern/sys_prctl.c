/*
 * Per-process settings a C library makes at startup: prctl (the process name only),
 * set_robust_list (accepted; one thread per process, so no futex owner ever dies
 * holding a robust lock another thread waits for) and rseq (left -ENOSYS, which glibc
 * expects from older kernels: it then does without restartable sequences).
 */
#include "kern/syscall.h"
#include "kern/proc.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/errno.h"

#define PR_SET_NAME     15
#define PR_GET_NAME     16
#define TASK_COMM_LEN   16      /* Linux's comm[]: 15 characters and a NUL */

_Static_assert(sizeof(((struct proc *)0)->name) == TASK_COMM_LEN, "name is Linux's comm");

static long set_name(uint64_t uname)
{
    char name[TASK_COMM_LEN];
    /* Linux copies at most 15 bytes and ignores the rest: a longer name is cut. */
    long n = strncpy_from_user(name, uname, TASK_COMM_LEN - 1);
    if (n == -EFAULT)
        return -EFAULT;
    name[n < 0 ? TASK_COMM_LEN - 1 : n] = 0;
    strlcpy(current()->name, name, TASK_COMM_LEN);
    return 0;
}

long sys_prctl(int option, uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5)
{
    (void)arg3, (void)arg4, (void)arg5;
    switch (option) {
    case PR_SET_NAME:
        return set_name(arg2);
    case PR_GET_NAME: {
        char name[TASK_COMM_LEN] = { 0 };   /* all 16 bytes go out, NUL-padded */
        strlcpy(name, current()->name, sizeof(name));
        return copy_to_user(arg2, name, TASK_COMM_LEN);
    }
    default:
        return -EINVAL;
    }
}

struct robust_list_head {
    uint64_t next;
    int64_t futex_offset;
    uint64_t list_op_pending;
};

/* Linux checks only the size; the head is read when the thread exits. */
long sys_set_robust_list(uint64_t uhead, size_t len)
{
    (void)uhead;
    return len == sizeof(struct robust_list_head) ? 0 : -EINVAL;
}
