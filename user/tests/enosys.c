// enosys: a syscall number the kernel does not know fails with ENOSYS, and the
// process carries on as if nothing happened (Linux: sys_ni_syscall).

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int failures;

static void try(long nr)
{
    errno = 0;
    long r = syscall(nr);
    int ok = r == -1 && errno == ENOSYS;
    printf("syscall(%ld): %ld %s: %s\n", nr, r, errno == ENOSYS ? "ENOSYS" : strerror(errno),
           ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    try(999);
    try(400);   // inside the hole Linux left unused between 334 and 424
    try(-1);    // -1 is also how the kernel marks "not a syscall" in orig_rax
    printf("still running: yes\n");
    return failures ? 1 : 0;
}
