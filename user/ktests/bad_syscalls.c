// bad_syscalls (siglab only): 20000 syscalls with garbage arguments. A fixed
// pseudo-random sequence picks them, so every run makes the same calls. The
// kernel must answer each one with an error or a harmless success, and neither
// it nor this process may die.
//
// The garbage is chosen so that a kernel that behaves like Linux cannot hurt us:
//  - pointers the kernel may write through are invalid, inside `scratch` (with
//    lengths that fit), or inside `playground`, a region that mmap/munmap may
//    do anything to; never our code, stack or data, not even read-only parts
//    (a kernel that ignored page permissions would destroy us; efault.c
//    checks those permissions instead);
//  - fd arguments are copies of /dev/null (reads and writes on it never block)
//    or numbers that are not open; never 0-2, so stdio stays intact, and fds
//    the fuzzed calls create are closed again at once;
//  - every timeout is zero or tiny, wait4 always has WNOHANG (and we have no
//    children), and we never exit, exec, fork, kill or reboot.
// Not meant to run natively; it would only test the host's kernel.

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define CALLS        20000
#define PAGE         4096UL
#define SCRATCH_SIZE 8192
#define PLAY_SIZE    (16 * PAGE)
// File descriptors (all below 32, in case the kernel's table is small):
#define SAFE_FD_LO   3      // 3..8 are always /dev/null when a fuzzed call starts
#define SAFE_FD_HI   8      // 9..19: where new fds land, never passed to a call
#define CLOSED_FD_LO 20     // 20..27 are never open
#define CLOSED_FD_HI 27
#define NULL_FD      30     // where the safe fds are copied from
#define CONSOLE_FD   31     // for read-only tty ioctls
#define KERNEL_HALF  0xffff800000000000UL
#define ARCH_GET_FS  0x1003

// Guards on both sides show if the kernel wrote past what we allowed.
static struct {
    unsigned char guard_lo[256];
    unsigned char buf[SCRATCH_SIZE];
    unsigned char guard_hi[256];
} scratch;

static uint64_t playground;         // PLAY_SIZE bytes, first mapped PROT_NONE
static uint64_t unmapped;           // a page we mapped and unmapped again
static uint64_t initial_brk;

// ---- deterministic garbage --------------------------------------------------

static uint64_t rng = 0x5167ab5eed5eedULL;

static uint64_t rnd(void)   // xorshift64* (Vigna, 2014)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t below(uint64_t n)
{
    return rnd() % n;
}

// A number a careless kernel might mishandle as a count, flag set or id.
static uint64_t garbage(void)
{
    switch (below(8)) {
    case 0:  return 0;
    case 1:  return -1UL;
    case 2:  return below(4096);
    case 3:  return 0x7fffffffUL + below(3);     // around INT_MAX
    case 4:  return 1UL << below(64);
    case 5:  return KERNEL_HALF + below(1UL << 40);
    case 6:  return -below(4096);               // small negative
    default: return rnd();
    }
}

// ---- pointers and lengths ---------------------------------------------------

static int in_scratch(uint64_t p)
{
    return p >= (uint64_t)scratch.buf && p < (uint64_t)scratch.buf + SCRATCH_SIZE;
}

static int in_playground(uint64_t p)
{
    return p >= playground && p < playground + PLAY_SIZE;
}

// An address no syscall may read or write.
static uint64_t bad_addr(void)
{
    switch (below(7)) {
    case 0:  return 0;
    case 1:  return 1 + below(PAGE - 1);        // the never-mapped first page
    case 2:  return unmapped + below(PAGE);
    case 3:  return KERNEL_HALF + below(1UL << 40);
    case 4:  return 0x0000800000000000UL + below(PAGE);  // just past user space
    case 5:  return -1UL - below(PAGE);         // wraps around with any length
    default: return rnd() | KERNEL_HALF;
    }
}

// Somewhere the kernel may write `need` bytes (at least one) without harming us.
static uint64_t user_ptr(size_t need)
{
    if (need == 0)
        need = 1;
    switch (below(5)) {
    case 0:
    case 1:  return (uint64_t)scratch.buf + below(SCRATCH_SIZE - need + 1);
    case 2:  return playground + below(PLAY_SIZE - need + 1);
    default: return bad_addr();
    }
}

// A length to go with p: inside scratch or the playground it must stay there.
static uint64_t len_for(uint64_t p)
{
    if (in_scratch(p))
        return below((uint64_t)scratch.buf + SCRATCH_SIZE - p + 1);
    if (in_playground(p))
        return below(playground + PLAY_SIZE - p + 1);
    return garbage();
}

// Store into scratch by memcpy: p may be unaligned.
static void put64(uint64_t p, uint64_t v)
{
    if (in_scratch(p) && in_scratch(p + 7))
        memcpy((void *)p, &v, 8);
}

// ---- file descriptors -------------------------------------------------------

// Linux truncates fd arguments to 32 bits, so judge them by their low half.
static int protected_fd(uint64_t fd)
{
    unsigned v = (unsigned)fd;
    return v <= 2 || (v > SAFE_FD_HI && v < CLOSED_FD_LO) || v == NULL_FD || v == CONSOLE_FD;
}

static uint64_t pick_fd(void)
{
    uint64_t fd;
    do {
        switch (below(4)) {
        case 0:
        case 1:  fd = SAFE_FD_LO + below(SAFE_FD_HI - SAFE_FD_LO + 1); break;
        case 2:  fd = CLOSED_FD_LO + below(CLOSED_FD_HI - CLOSED_FD_LO + 1); break;
        default: fd = garbage(); break;
        }
    } while (protected_fd(fd));
    return fd;
}

// After a call that may have created, closed or replaced fds: close what it
// created (new_fd, if it is one) and make 3..8 copies of /dev/null again.
static void tidy_fds(long new_fd)
{
    if (new_fd >= SAFE_FD_LO && new_fd != NULL_FD && new_fd != CONSOLE_FD)
        close(new_fd);
    for (int fd = SAFE_FD_LO; fd <= SAFE_FD_HI; fd++)
        dup2(NULL_FD, fd);
}

// ---- one function per fuzzed syscall ----------------------------------------

static void fuzz_read(void)
{
    uint64_t p = user_ptr(0);
    syscall(SYS_read, pick_fd(), p, len_for(p));
}

static void fuzz_write(void)
{
    uint64_t p = user_ptr(0);
    syscall(SYS_write, pick_fd(), p, len_for(p));
}

// writev only reads user memory, so the iovecs may point anywhere.
static void fuzz_writev(void)
{
    uint64_t iov = user_ptr(4 * sizeof(struct iovec));
    for (int i = 0; i < 4; i++) {
        put64(iov + 16 * i, below(2) ? user_ptr(0) : bad_addr());
        put64(iov + 16 * i + 8, below(2) ? below(64) : garbage());
    }
    syscall(SYS_writev, pick_fd(), iov, below(2) ? below(5) : garbage());
}

static void fuzz_close(void)
{
    syscall(SYS_close, pick_fd());
    tidy_fds(-1);
}

// The new fds are written to p; preset -1 so we know what to close.
static void pipe_common(long nr, uint64_t flags)
{
    uint64_t p = below(2) ? (uint64_t)scratch.buf + 8 * below(SCRATCH_SIZE / 8) : bad_addr();
    int *fds = (int *)p;

    if (in_scratch(p))
        fds[0] = fds[1] = -1;
    long r = syscall(nr, p, flags);
    if (r == 0 && in_scratch(p)) {
        tidy_fds(fds[0]);
        tidy_fds(fds[1]);
    }
}

static void fuzz_pipe(void)
{
    pipe_common(SYS_pipe, 0);
}

static void fuzz_pipe2(void)
{
    pipe_common(SYS_pipe2, below(2) ? (below(2) ? O_CLOEXEC : O_NONBLOCK) : garbage());
}

static void fuzz_dup(void)
{
    tidy_fds(syscall(SYS_dup, pick_fd()));
}

static void fuzz_dup2(void)
{
    tidy_fds(syscall(SYS_dup2, pick_fd(), pick_fd()));
}

static void fuzz_open(void)
{
    static const char *paths[] = {
        "/dev/null", "/dev/console", "/dev/kmsg", "/bin/sh", "/bin", "/", "",
        "/nonexistent", "/bin/../bin/sh", "/dev/null/", "//dev///null",
    };
    uint64_t path = below(3) ? (uint64_t)paths[below(sizeof paths / sizeof paths[0])]
                             : user_ptr(0);
    uint64_t flags = below(2) ? below(4) : garbage();   // O_RDONLY..O_RDWR, or garbage
    tidy_fds(syscall(SYS_open, path, flags, garbage()));
}

// Between our start of heap and 1 MiB past it, below it, or garbage. We never use
// the heap (no malloc here), so moving the break cannot hurt us.
static void fuzz_brk(void)
{
    switch (below(4)) {
    case 0:  syscall(SYS_brk, initial_brk + below(1 << 20)); break;
    case 1:  syscall(SYS_brk, initial_brk - below(1 << 20)); break;
    case 2:  syscall(SYS_brk, 0); break;
    default: syscall(SYS_brk, garbage()); break;
    }
}

// MAP_FIXED only inside the playground; anything else we get back is unmapped
// again at once, so memory does not run out.
static void fuzz_mmap(void)
{
    uint64_t flags = below(2) ? garbage() : (below(2) ? MAP_PRIVATE : MAP_SHARED) | MAP_ANONYMOUS;
    uint64_t prot = below(2) ? below(8) : garbage();
    uint64_t addr, len;

    flags &= ~(uint64_t)MAP_FIXED;
    if (below(4) == 0) {
        uint64_t first = below(PLAY_SIZE / PAGE);
        addr = playground + first * PAGE;
        len = (1 + below(PLAY_SIZE / PAGE - first)) * PAGE;
        flags |= MAP_FIXED;
    } else {
        addr = below(2) ? 0 : garbage();
        len = below(2) ? below(1 << 24) : garbage();
    }
    long r = syscall(SYS_mmap, addr, len, prot, flags, pick_fd(), below(2) ? 0 : garbage());
    if (r != -1 && !(flags & MAP_FIXED))
        munmap((void *)r, len);
}

// Anything inside the playground; elsewhere only kernel addresses (any length),
// or low addresses with short lengths: munmap(0, huge) would unmap us.
static void fuzz_munmap(void)
{
    uint64_t addr, len;

    switch (below(3)) {
    case 0:
        addr = playground + below(PLAY_SIZE);
        len = below(playground + PLAY_SIZE - addr + 1);
        break;
    case 1:
        addr = KERNEL_HALF + (below(2) ? below(1UL << 28) * PAGE : below(1UL << 40));
        len = garbage();
        break;
    default:
        addr = below(4) * PAGE + below(2) * below(PAGE);
        len = below(4 * PAGE);
        break;
    }
    syscall(SYS_munmap, addr, len);
}

static void fuzz_ioctl(void)
{
    static const unsigned long tty_gets[] = { TCGETS, TIOCGWINSZ, TIOCGPGRP, FIONREAD };
    static const unsigned long any[] = {
        TCGETS, TCSETS, TCSETSW, TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP,
        TIOCSCTTY, TIOCSTI, FIONREAD, FIONBIO, FIOCLEX, FIONCLEX,
    };

    // On the console only requests that read its state: setting it would change
    // how init's copy of our output looks.
    if (below(2)) {
        syscall(SYS_ioctl, CONSOLE_FD, tty_gets[below(4)], user_ptr(64));
        return;
    }
    uint64_t req = below(2) ? any[below(sizeof any / sizeof any[0])] : garbage();
    syscall(SYS_ioctl, pick_fd(), req, below(2) ? user_ptr(64) : garbage());
}

// A bad address for a timeout, but never NULL: NULL means "wait forever".
static uint64_t bad_timeout(void)
{
    uint64_t p = bad_addr();
    return p != 0 ? p : 1;
}

// A timespec or timeval that cannot make us wait long: valid and under 1 ms, or
// invalid. A too-large fraction is invalid only in a timespec: select (carry=1)
// carries extra microseconds into the seconds, so it gets a bad address instead.
static uint64_t short_timeout(int carry)
{
    uint64_t p = (uint64_t)scratch.buf + 16 * below(SCRATCH_SIZE / 16);

    switch (below(5)) {
    case 0:
        put64(p, 0);
        put64(p + 8, below(1000));
        return p;
    case 1:
        if (carry)
            return bad_timeout();
        put64(p, garbage());
        put64(p + 8, 1000000000UL + below(1000));
        return p;
    case 2:
        put64(p, garbage());
        put64(p + 8, -1 - below(1000));     // negative fraction
        return p;
    case 3:
        put64(p, -1 - below(1000));         // negative seconds
        put64(p + 8, below(1000));
        return p;
    default:
        return bad_timeout();
    }
}

static void fuzz_nanosleep(void)
{
    syscall(SYS_nanosleep, short_timeout(0), user_ptr(16));
}

static void fuzz_clock_gettime(void)
{
    syscall(SYS_clock_gettime, below(2) ? below(12) : garbage(), user_ptr(16));
}

static void fuzz_getcwd(void)
{
    uint64_t p = user_ptr(0);
    syscall(SYS_getcwd, p, len_for(p));
}

static void fuzz_uname(void)
{
    syscall(SYS_uname, user_ptr(390));      // sizeof(struct utsname)
}

static void fuzz_wait4(void)
{
    uint64_t options = (below(2) ? 0 : garbage()) | WNOHANG;
    syscall(SYS_wait4, garbage(), user_ptr(4), options, user_ptr(144));
}

// Zero timeout. In our memory the array's length is capped, so the revents the
// kernel writes back stay inside it; in scratch it gets random fds and events.
static void fuzz_poll(void)
{
    uint64_t fds = user_ptr(8), n;

    if (in_scratch(fds) || in_playground(fds))
        n = below(len_for(fds) / 8 + 1);
    else
        n = garbage();
    if (in_scratch(fds))
        for (uint64_t i = 0; i < n; i++)
            put64(fds + 8 * i, (unsigned)garbage() | (rnd() & 0xffff) << 32);
    syscall(SYS_poll, fds, n, 0);
}

// fd_sets of up to 1024 bits. nfds may be garbage only if no set is writable
// memory of ours: a kernel that forgot to cap it would write past scratch.
static void select_common(long nr)
{
    uint64_t r = user_ptr(128), w = user_ptr(128), e = user_ptr(128);
    int writable = in_scratch(r) || in_scratch(w) || in_scratch(e) ||
                   in_playground(r) || in_playground(w) || in_playground(e);
    uint64_t nfds = writable || below(2) ? below(1025) : garbage();
    uint64_t sigmask = user_ptr(16);

    put64(sigmask, below(2) ? user_ptr(8) : bad_addr());
    put64(sigmask + 8, below(2) ? 8 : garbage());
    syscall(nr, nfds, r, w, e, short_timeout(nr == SYS_select), sigmask);
}

static void fuzz_select(void)
{
    select_common(SYS_select);
}

static void fuzz_pselect6(void)
{
    select_common(SYS_pselect6);
}

static void fuzz_arch_prctl(void)
{
    syscall(SYS_arch_prctl, ARCH_GET_FS, user_ptr(8));
}

static void fuzz_setpgid(void)
{
    uint64_t pid = below(2) ? (uint64_t)getpid() : garbage();
    syscall(SYS_setpgid, below(2) ? 0 : pid, below(2) ? 0 : garbage());
}

static void fuzz_sysinfo(void)
{
    syscall(SYS_sysinfo, user_ptr(sizeof(struct sysinfo)));
}

// A range mprotect and madvise may change: inside the playground, or nowhere
// (kernel addresses with any length, the unmapped page with a short one).
static void range_for_prot(uint64_t *addr, uint64_t *len)
{
    switch (below(3)) {
    case 0:
        *addr = playground + below(PLAY_SIZE);
        *len = below(playground + PLAY_SIZE - *addr + 1);
        break;
    case 1:
        *addr = KERNEL_HALF + (below(2) ? below(1UL << 28) * PAGE : below(1UL << 40));
        *len = garbage();
        break;
    default:
        *addr = unmapped + below(2) * below(PAGE);
        *len = below(PAGE + 1);
        break;
    }
}

static void fuzz_mprotect(void)
{
    uint64_t addr, len;
    range_for_prot(&addr, &len);
    syscall(SYS_mprotect, addr, len, below(2) ? below(8) : garbage());
}

static void fuzz_madvise(void)
{
    uint64_t addr, len;
    range_for_prot(&addr, &len);
    syscall(SYS_madvise, addr, len, below(2) ? below(26) : garbage());
}

static void fuzz_getrandom(void)
{
    uint64_t p = user_ptr(1);
    syscall(SYS_getrandom, p, len_for(p), below(2) ? below(8) : garbage());
}

// PR_SET_NAME (15) and PR_GET_NAME (16, writes 16 bytes), or any other option.
static void fuzz_prctl(void)
{
    uint64_t option = below(2) ? 15 + below(2) : garbage();
    syscall(SYS_prctl, option, user_ptr(16), garbage(), garbage(), garbage());
}

static void fuzz_readlink(void)
{
    static const char *const paths[] = { "/proc/self/exe", "/proc/1/exe", "/bin", "",
                                         "/nonexistent", "/dev/null", "x" };
    uint64_t path = below(4) ? (uint64_t)paths[below(7)] : bad_addr();
    uint64_t p = user_ptr(1);
    if (below(2))
        syscall(SYS_readlink, path, p, len_for(p));
    else
        syscall(SYS_readlinkat, below(2) ? (uint64_t)-100 : pick_fd(), path, p, len_for(p));
}

// Numbers no syscall has, judged by the low 32 bits as Linux does (it reads the
// number as an int), and avoiding 0x40000000.. where x32 syscalls live.
static void fuzz_unknown(void)
{
    uint64_t nr;
    switch (below(3)) {
    case 0:  nr = 335 + below(424 - 335); break;        // Linux's unused hole
    case 1:  nr = 1000 + below(0x40000000 - 1000); break;
    default: nr = 0x80000000UL + below(0x80000000UL); break;   // negative as an int
    }
    if (below(2))
        nr |= rnd() << 32;
    syscall(nr, garbage(), garbage(), garbage(), garbage(), garbage(), garbage());
}

static void (*const fuzzers[])(void) = {
    fuzz_read, fuzz_write, fuzz_writev, fuzz_close, fuzz_pipe, fuzz_pipe2,
    fuzz_dup, fuzz_dup2, fuzz_open, fuzz_brk, fuzz_mmap, fuzz_munmap, fuzz_ioctl,
    fuzz_nanosleep, fuzz_clock_gettime, fuzz_getcwd, fuzz_uname, fuzz_wait4,
    fuzz_poll, fuzz_select, fuzz_pselect6, fuzz_arch_prctl, fuzz_setpgid,
    fuzz_sysinfo, fuzz_mprotect, fuzz_madvise, fuzz_getrandom, fuzz_prctl, fuzz_readlink,
    fuzz_unknown,
};

// ---- setup and the main loop ------------------------------------------------

static int setup(void)
{
    int fd = open("/dev/console", O_RDONLY | O_NOCTTY);
    if (fd >= 0 && fd != CONSOLE_FD) {
        dup2(fd, CONSOLE_FD);
        close(fd);
    }
    fd = open("/dev/null", O_RDWR);
    if (fd < 0 || dup2(fd, NULL_FD) < 0)
        return -1;
    close(fd);
    tidy_fds(-1);

    void *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *play = mmap(NULL, PLAY_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || play == MAP_FAILED || munmap(p, PAGE) < 0)
        return -1;
    unmapped = (uint64_t)p;
    playground = (uint64_t)play;
    initial_brk = syscall(SYS_brk, 0);

    for (int i = 0; i < SCRATCH_SIZE; i++)
        scratch.buf[i] = rnd();
    memset(scratch.guard_lo, 0xa5, sizeof scratch.guard_lo);
    memset(scratch.guard_hi, 0xa5, sizeof scratch.guard_hi);
    return 0;
}

static int guards_intact(void)
{
    for (size_t i = 0; i < sizeof scratch.guard_lo; i++)
        if (scratch.guard_lo[i] != 0xa5 || scratch.guard_hi[i] != 0xa5)
            return 0;
    return 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (setup() < 0) {
        printf("bad_syscalls: setup failed\n");
        return 1;
    }
    for (int i = 0; i < CALLS; i++)
        fuzzers[below(sizeof fuzzers / sizeof fuzzers[0])]();
    syscall(SYS_brk, initial_brk);

    printf("bad syscalls survived: %d\n", CALLS);
    if (!guards_intact()) {
        printf("but the kernel wrote outside the buffers it was given\n");
        return 1;
    }
    return 0;
}
