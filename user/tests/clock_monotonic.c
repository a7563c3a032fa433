// clock_monotonic: CLOCK_MONOTONIC never goes backwards, CLOCK_REALTIME works,
// and an unknown clock id is refused with EINVAL.

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define READS 100000

static int failures;

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

static int valid(const struct timespec *ts)
{
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000L;
}

// Compare (sec, nsec) pairs: a clock that carried nsec into sec late would show.
static int before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void monotonic(void)
{
    struct timespec prev, cur;
    int backwards = 0, invalid = 0, errors = 0;

    clock_gettime(CLOCK_MONOTONIC, &prev);
    for (int i = 0; i < READS; i++) {
        if (clock_gettime(CLOCK_MONOTONIC, &cur) != 0)
            errors++;
        if (!valid(&cur))
            invalid++;
        if (before(&cur, &prev))
            backwards++;
        prev = cur;
    }
    printf("CLOCK_MONOTONIC: %d reads\n", READS);
    check("CLOCK_MONOTONIC: every call succeeded", errors == 0);
    check("CLOCK_MONOTONIC: tv_nsec always in [0, 1e9)", invalid == 0);
    check("CLOCK_MONOTONIC: never went backwards", backwards == 0);
}

int main(void)
{
    struct timespec ts;

    setvbuf(stdout, NULL, _IONBF, 0);
    monotonic();

    check("CLOCK_REALTIME: call succeeded", clock_gettime(CLOCK_REALTIME, &ts) == 0);
    check("CLOCK_REALTIME: valid timespec", valid(&ts));

    errno = 0;
    int r = clock_gettime(12345, &ts);
    printf("clock_gettime(12345): %d %s\n", r, errno == EINVAL ? "EINVAL" : strerror(errno));
    check("bad clock id fails with EINVAL", r == -1 && errno == EINVAL);
    return failures ? 1 : 0;
}
