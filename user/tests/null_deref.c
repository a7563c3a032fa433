// null_deref: a store to address 0 kills the process with SIGSEGV; the runner
// expects exit status 139 (128 + 11), natively and inside siglab.

#include <stdio.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    // volatile int: the store may not be dropped. volatile pointer: gcc must not
    // see the NULL, or it may treat the store as undefined behaviour and rewrite it.
    volatile int *volatile p = NULL;

    printf("about to dereference NULL\n");
    // cppcheck-suppress nullPointer ; deliberate: this fault is what we test
    *p = 1;     // NOLINT(clang-analyzer-core.NullDereference)
    printf("still alive after dereferencing NULL\n");
    return 1;
}
