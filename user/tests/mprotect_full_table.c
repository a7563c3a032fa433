// mprotect_full_table: mprotect when the address space holds as many areas as it may
// lab: 0
//
// mprotect of part of an area splits it, and Linux refuses a split (ENOMEM, nothing
// changed) once the process has vm.max_map_count areas (65530; siglab the same).
// But a part at one end of an area that takes the protection of the neighbour it
// touches needs no split: the boundary between the two moves (Linux's vma_merge), and
// that works at the limit too; so does changing a whole area, which may join it to
// both neighbours. Mappings of 3 pages alternate PROT_READ and PROT_READ|PROT_WRITE,
// so that Linux cannot merge them, until mmap fails; the victim is a read-only one
// between two read-write ones (mmap places each below the one before). No page is
// touched before the merges: on Linux, areas whose pages were touched separately have
// different anon_vmas, and three of them do not merge into one.

#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "sigtest.h"

#define PAGE 4096
#define MAX_AREAS 70000
#define RW (PROT_READ | PROT_WRITE)

static char *areas[MAX_AREAS];

static int mprotect_errno(void *p, size_t len, int prot)
{
    errno = 0;
    return mprotect(p, len, prot) == 0 ? 0 : errno;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);   // printf must not need a new mapping later
    int n = 0;
    while (n < MAX_AREAS) {
        void *p = mmap(NULL, 3 * PAGE, n % 2 ? RW : PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            break;
        areas[n++] = p;
    }
    check("mmap fails at last with ENOMEM", n < MAX_AREAS && errno == ENOMEM, 1);
    int k = n - 3 - (n - 3) % 2;                // read-only, between two read-write areas
    char *victim = areas[k];
    check("the areas either side touch the victim",
          areas[k + 1] + 3 * PAGE == victim && victim + 3 * PAGE == areas[k - 1], 1);

    check("mprotect of the middle page (two splits): ENOMEM",
          mprotect_errno(victim + PAGE, PAGE, RW), ENOMEM);
    check("of the first page to PROT_EXEC (one split): ENOMEM",
          mprotect_errno(victim, PAGE, PROT_READ | PROT_EXEC), ENOMEM);
    check("of the first page to read-write, as the area below: works",
          mprotect_errno(victim, PAGE, RW), 0);
    check("of the last page to read-write, as the area above: works",
          mprotect_errno(victim + 2 * PAGE, PAGE, RW), 0);
    check("of the middle page, all that is left of the area: works",
          mprotect_errno(victim + PAGE, PAGE, RW), 0);
    char *nine = areas[k + 1];
    for (int i = 0; i < 9; i++)
        nine[i * PAGE] = (char)(i + 1);
    int held = 0;
    for (int i = 0; i < 9; i++)
        held += nine[i * PAGE] == i + 1;
    check("the nine pages take writes and hold them", held, 9);

    // The victim joined both its neighbours: two areas fewer, one below the limit.
    char *other = areas[k - 2];
    check("then one split of another area: works",
          mprotect_errno(other, PAGE, PROT_READ | PROT_EXEC), 0);
    check("and the next one, at the limit again: ENOMEM",
          mprotect_errno(other + 2 * PAGE, PAGE, PROT_READ | PROT_EXEC), ENOMEM);
    return failures != 0;
}
