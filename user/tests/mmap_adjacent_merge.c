// mmap_adjacent_merge: adjacent anonymous mappings merge, so 1000 of them fit
// lab: 0
//
// Mapping memory a piece at a time (as malloc does for large blocks) puts each
// new mapping right below the last. Linux merges a new anonymous mapping with a
// neighbour it touches and agrees with (same protection), so 1000 one-page
// mmaps make one area, far from any limit on the number of areas. (siglab once
// kept one table slot per mmap and said ENOMEM after about 60.) Each page works;
// unmapping one in the middle splits the area, and one munmap removes the rest.

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#include "sigtest.h"

#define PAGE  4096
#define COUNT 1000

static uint8_t *pages[COUNT];

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int mapped = 0, err = 0;
    for (int i = 0; i < COUNT; i++) {
        pages[i] = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pages[i] == MAP_FAILED) {
            err = errno;
            break;
        }
        mapped++;
    }
    check("1000 one-page mmaps succeed", mapped, COUNT);
    check("no mmap failed", err, 0);
    int adjacent = 0;
    for (int i = 1; i < mapped; i++)
        adjacent += pages[i] + PAGE == pages[i - 1];
    check("each placed right below the last", adjacent, COUNT - 1);
    for (int i = 0; i < mapped; i++)
        pages[i][0] = (uint8_t)i;
    int right = 0;
    for (int i = 0; i < mapped; i++)
        right += pages[i][0] == (uint8_t)i;
    check("every page holds what was written", right, COUNT);
    check("munmap of the middle page", munmap(pages[COUNT / 2], PAGE), 0);
    right = 0;
    for (int i = 0; i < mapped; i++)
        right += i == COUNT / 2 || pages[i][0] == (uint8_t)i;
    check("the pages around it are intact", right, COUNT);
    check("one munmap of the whole range", munmap(pages[COUNT - 1], (size_t)COUNT * PAGE), 0);
    return failures != 0;
}
