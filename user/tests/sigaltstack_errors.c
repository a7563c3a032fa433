// sigaltstack_errors: sigaltstack's EPERM, EINVAL, ENOMEM and EFAULT cases
// lab: 3
//
// The sigaltstack system call's checks, in Linux's order. While running on the
// altstack any change is EPERM (even to the same values, even SS_DISABLE),
// though querying works. Otherwise a flags word other than 0, SS_ONSTACK or
// SS_DISABLE (optionally with SS_AUTODISARM) is EINVAL, then a size below
// MINSIGSTKSZ (2048) is ENOMEM; with SS_DISABLE the size does not matter and
// the query then shows NULL, 0, SS_DISABLE. Bad pointers are EFAULT. A failed
// call changes nothing.
//
// The raw system call: musl's wrapper does some checks of its own.

#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigtest.h"

#define ALT_SIZE 65536

static long sas(void *sp, size_t size, int flags)
{
    stack_t ss = { .ss_sp = sp, .ss_size = size, .ss_flags = flags };
    long r = syscall(SYS_sigaltstack, &ss, NULL);
    return r == -1 ? -errno : r;
}

static stack_t query(void)
{
    stack_t now = { 0 };
    syscall(SYS_sigaltstack, NULL, &now);
    return now;
}

static char *alt;
static sigjmp_buf env;
static long inside_same, inside_disable, inside_other, inside_query, inside_flags;

static void handler(int sig)
{
    stack_t now;
    (void)sig;
    inside_same = sas(alt, ALT_SIZE, 0);
    inside_disable = sas(NULL, 0, SS_DISABLE);
    inside_other = sas(alt, 4096, 0);
    long r = syscall(SYS_sigaltstack, NULL, &now);
    inside_query = r == -1 ? -errno : r;
    inside_flags = now.ss_flags;
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_ONSTACK };
    sigset_t empty;
    stack_t now;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    check("size 2047 gives ENOMEM", sas(alt, 2047, 0), -ENOMEM);
    check("size 2048 succeeds", sas(alt, 2048, 0), 0);
    check("flags 0x1234 gives EINVAL", sas(alt, ALT_SIZE, 0x1234), -EINVAL);
    check("flags SS_ONSTACK|SS_DISABLE gives EINVAL", sas(alt, ALT_SIZE, 3), -EINVAL);
    check("flags 0x40000000 gives EINVAL", sas(alt, ALT_SIZE, 0x40000000), -EINVAL);
    check("bad flags and size 0: EINVAL first", sas(alt, 0, 0x1234), -EINVAL);
    now = query();
    check("failed calls left the 2048-byte stack in place",
          now.ss_sp == alt && now.ss_size == 2048 && now.ss_flags == 0, 1);

    check("SS_DISABLE with size 5 succeeds", sas(alt, 5, SS_DISABLE), 0);
    now = query();
    check("query after SS_DISABLE: ss_sp NULL", now.ss_sp == NULL, 1);
    check("query after SS_DISABLE: ss_size 0", now.ss_size, 0);
    check("query after SS_DISABLE: ss_flags SS_DISABLE", now.ss_flags, SS_DISABLE);
    check("SS_DISABLE|SS_AUTODISARM succeeds", sas(NULL, 0, SS_DISABLE | SS_AUTODISARM), 0);
    check("and the query shows both bits", (unsigned)query().ss_flags, SS_DISABLE | SS_AUTODISARM);

    check("unreadable new stack_t gives EFAULT", syscall(SYS_sigaltstack, (void *)8, NULL) == -1 && errno == EFAULT, 1);
    check("unwritable old stack_t gives EFAULT", syscall(SYS_sigaltstack, NULL, (void *)8) == -1 && errno == EFAULT, 1);

    check("64 KiB altstack succeeds", sas(alt, ALT_SIZE, 0), 0);
    sigaction(SIGUSR1, &sa, NULL);
    if (sigsetjmp(env, 1) == 0)
        raise(SIGUSR1);
    check("on the altstack: setting the same values gives EPERM", inside_same, -EPERM);
    check("on the altstack: SS_DISABLE gives EPERM", inside_disable, -EPERM);
    check("on the altstack: a new size gives EPERM", inside_other, -EPERM);
    check("on the altstack: a query succeeds", inside_query, 0);
    check("on the altstack: it says SS_ONSTACK", inside_flags, SS_ONSTACK);
    now = query();
    check("still configured after the handler",
          now.ss_sp == alt && now.ss_size == ALT_SIZE && now.ss_flags == 0, 1);
    return failures != 0;
}
