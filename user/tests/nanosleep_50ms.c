// nanosleep_50ms: a 50 ms nanosleep lasts at least 50 ms of CLOCK_MONOTONIC time.
// Sleeping longer is allowed (the scheduler may be late), so the upper bound is
// only a sanity check, loose enough to hold on a loaded machine.

#include <stdio.h>
#include <time.h>

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct timespec req = { .tv_sec = 0, .tv_nsec = 50 * 1000 * 1000 };

    long long start = now_ns();
    int r = nanosleep(&req, NULL);
    long long slept = now_ns() - start;

    printf("nanosleep returned %d\n", r);
    int enough = slept >= 50 * 1000 * 1000LL;
    int sane = slept < 5 * 1000 * 1000 * 1000LL;
    printf("slept at least 50 ms: %s\n", enough ? "yes" : "no");
    printf("slept less than 5 s: %s\n", sane ? "yes" : "no");
    return r == 0 && enough && sane ? 0 : 1;
}
