/* Reading a struct timespec from user space (kern/timespec.h). */
#include "kern/timespec.h"
#include "kern/uaccess.h"
#include "kern/errno.h"

int get_timespec_ns(uint64_t uts, uint64_t *ns)
{
    struct timespec_k ts;
    if (copy_from_user(&ts, uts, sizeof(ts)) < 0)
        return -EFAULT;
    if (!timespec_valid(ts))
        return -EINVAL;
    *ns = timespec_to_ns(ts);
    return 0;
}
