// sources: kern/fmt.c
/* The kernel's printf engine must format like the C library's for what it supports. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include "tests/unit/check.h"
#include "kern/fmt.h"

/* Format with both and compare. */
#define SAME(...)                                                   \
    do {                                                            \
        char ours[128], libc[128];                                  \
        ksnprintf(ours, sizeof(ours), __VA_ARGS__);                 \
        sprintf(libc, __VA_ARGS__);                                 \
        CHECK_STR_EQ(ours, libc);                                   \
    } while (0)

int main(void)
{
    SAME("plain text");
    SAME("%d %d %d", 0, -1, 2147483647);
    SAME("%i|%5d|%-5d|%05d", -42, 42, 42, 42);
    SAME("%u %x %X %o", 4000000000u, 0xdeadbeefu, 0xdeadbeefu, 8u);
    SAME("%ld %lu %lx", (long)INT64_MIN, (unsigned long)UINT64_MAX, 0x123456789abcUL);
    SAME("%lld %llx", -1234567890123LL, 0xffffffffffffffffULL);
    SAME("%zu %zd", (size_t)123, (ssize_t)-5);
    SAME("%016lx|%08x|%-8x|", 0xabcUL, 0x1234u, 0x1234u);
    SAME("%s|%10s|%-10s|%.3s|%.*s", "abc", "right", "left", "truncate", 2, "xyz");
    SAME("%c%c%c", 'o', 'k', '!');
    SAME("100%%");
    SAME("%p", (void *)0x1000);
    SAME("%#x|%#lx|%#X|%#x|%#10lx|%-#8x|", 255u, 0xabcUL, 0xbeefu, 0u, 0x1fUL, 16u);

    /* Truncation: always NUL-terminated, returns the full length. */
    char small[5];
    int n = ksnprintf(small, sizeof(small), "%s", "abcdefgh");
    CHECK_EQ(n, 8);
    CHECK_STR_EQ(small, "abcd");
    CHECK_EQ(ksnprintf(NULL, 0, "%d", 12345), 5);
    return check_summary();
}
