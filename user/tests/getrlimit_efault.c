// getrlimit_efault: getrlimit and setrlimit with a NULL or unmapped pointer: EFAULT
// lab: 0
//
// getrlimit(2) must write its answer somewhere: NULL or an unmapped address is
// EFAULT (prlimit64 may leave out either pointer, getrlimit may not). The raw
// system calls are used, so the C library cannot catch the NULL first.

#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

static int fails_with_efault(long r)
{
    return r == -1 && errno == EFAULT;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    errno = 0;
    check("getrlimit(RLIMIT_CORE, NULL): EFAULT", fails_with_efault(syscall(SYS_getrlimit, RLIMIT_CORE, NULL)), 1);
    errno = 0;
    check("getrlimit(RLIMIT_CORE, 0x8): EFAULT", fails_with_efault(syscall(SYS_getrlimit, RLIMIT_CORE, (void *)8)), 1);
    errno = 0;
    check("setrlimit(RLIMIT_CORE, NULL): EFAULT", fails_with_efault(syscall(SYS_setrlimit, RLIMIT_CORE, NULL)), 1);
    errno = 0;
    check("prlimit64(0, RLIMIT_CORE, NULL, NULL): 0", syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, NULL), 0);
    struct rlimit rl;
    check("getrlimit(RLIMIT_CORE, &rl): 0", syscall(SYS_getrlimit, RLIMIT_CORE, &rl), 0);
    return failures != 0;
}
