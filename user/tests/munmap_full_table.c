// munmap_full_table: a hole punched in a mapping when the address space holds as many
// areas as it may
// lab: 0
//
// Unmapping the middle page of a 3-page mapping splits one area into two. When the
// process already has the most areas it may (Linux: vm.max_map_count, 65530 by
// default; siglab: the same, MAX_MAP_COUNT in kern/vm.h), there is no room for the
// second one: munmap fails with ENOMEM and changes nothing. (siglab once returned 0 and quietly dropped
// the tail page.) Neighbouring mappings alternate their protection so that Linux
// cannot merge them into one area.

#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "sigtest.h"

#define PAGE 4096
#define MAX_AREAS 70000

static char *areas[MAX_AREAS];

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);   // printf must not need a new mapping later
    int n = 0;
    while (n < MAX_AREAS) {
        int prot = n % 2 ? PROT_READ | PROT_WRITE : PROT_READ;
        void *p = mmap(NULL, 3 * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            break;
        areas[n++] = p;
    }
    check("mmap fails at last with ENOMEM", n < MAX_AREAS && errno == ENOMEM, 1);

    char *victim = areas[n - 1];                // read-write (n - 1 is odd) or read-only
    if ((n - 1) % 2 == 0)
        victim = areas[n - 2];
    victim[2 * PAGE] = 42;                      // the tail page, which must survive
    errno = 0;
    int r = munmap(victim + PAGE, PAGE);
    check("munmap of the middle page: -1", r, -1);
    check("errno ENOMEM", errno, ENOMEM);
    check("the tail page is still mapped and holds its byte", victim[2 * PAGE], 42);
    victim[PAGE] = 7;
    check("so is the middle page", victim[PAGE], 7);

    // With areas freed, the split fits. (Two: Linux's mmap lets the count reach one
    // more than the limit its munmap checks against.)
    munmap(areas[0], 3 * PAGE);
    munmap(areas[1], 3 * PAGE);
    check("after freeing two areas, the same munmap works", munmap(victim + PAGE, PAGE), 0);
    check("the tail page survives the split", victim[2 * PAGE], 42);
    return failures != 0;
}
