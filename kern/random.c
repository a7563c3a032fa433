/*
 * Random bytes for user space: getrandom(2) and the AT_RANDOM bytes of every exec.
 *
 * One generator for the whole kernel, seeded at its first use in each boot from the
 * time-stamp counter and, when the CPU has it, RDRAND. It is xorshift128+: fast and
 * well spread, but NOT cryptographic; a teaching kernel only needs values that differ
 * from boot to boot (glibc seeds malloc's and stdio's hashing from them). Like Linux's
 * after boot, the pool is always ready: getrandom never blocks.
 */
#include "kern/random.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/x86.h"
#include "kern/syscall.h"

static uint64_t state[2];
static bool seeded;

static uint64_t hardware_seed(void)
{
    uint32_t a, b, c, d;
    cpuid(1, &a, &b, &c, &d);
    uint64_t v = 0;
    if (c & CPUID1_ECX_RDRAND) {
        for (int tries = 0; tries < 10 && !rdrand64(&v); tries++)
            ;   /* Intel: retry a few times if the generator is not ready */
    }
    return v;
}

static void seed(void)
{
    state[0] = rdtsc() * 0x9e3779b97f4a7c15ULL ^ hardware_seed();
    state[1] = ~state[0] * 0xbf58476d1ce4e5b9ULL | 1;  /* never both words zero */
    seeded = true;
}

static uint64_t next64(void)
{
    uint64_t s1 = state[0];
    const uint64_t s0 = state[1];
    state[0] = s0;
    s1 ^= s1 << 23;
    state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
    return state[1] + s0;
}

void random_fill(void *buf, size_t n)
{
    if (!seeded)
        seed();
    state[0] ^= rdtsc();    /* a little fresh timing each call; costs nothing */
    uint8_t *out = buf;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t v = next64();
        for (size_t j = 0; j < 8 && i + j < n; j++)
            out[i + j] = (uint8_t)(v >> (8 * j));
    }
}

#define GRND_NONBLOCK   0x0001
#define GRND_RANDOM     0x0002
#define GRND_INSECURE   0x0004
#define MAX_RW_COUNT    0x7ffff000UL    /* Linux: INT_MAX rounded down to a page */

/* getrandom(2): as many bytes as asked (Linux caps one call at MAX_RW_COUNT), or as
   many as fit before the first bad page; -EFAULT if not even one did. */
long sys_getrandom(uint64_t ubuf, size_t count, unsigned flags)
{
    if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
        return -EINVAL;
    count = MIN(count, MAX_RW_COUNT);
    uint8_t chunk[256];
    size_t done = 0;
    while (done < count) {
        size_t n = MIN(count - done, sizeof(chunk));
        random_fill(chunk, n);
        if (copy_to_user(ubuf + done, chunk, n) < 0) {
            /* Say how much really arrived: copy_to_user may stop in this chunk. */
            while (n > 0 && copy_to_user(ubuf + done, chunk, 1) == 0)
                done++, n--;
            return done ? (long)done : -EFAULT;
        }
        done += n;
    }
    return done;
}
