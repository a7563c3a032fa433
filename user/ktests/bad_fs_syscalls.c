// bad_fs_syscalls (siglab only): 20000 file system calls with garbage arguments on a
// few names in /tmp, the initrd and nowhere, picked by a fixed pseudo-random
// sequence. Each must fail or do something harmless; neither the kernel nor we may
// die, the kernel must write nowhere but the buffers it was given, and once we remove
// what the calls made, every page /tmp took is free again.
// Pointers the kernel may write through are invalid or inside `scratch`; fds passed
// are 3..8 (files and directories of /tmp, reopened after every call) or never open;
// lengths and sizes stay small enough that /tmp never fills. No output before the
// last free page count: it would take pipe pages.

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#define CALLS        20000
#define SCRATCH_SIZE 8192
#define FD_LO        3
#define FD_HI        8
#define CLOSED_FD    20
#define KERNEL_HALF  0xffff800000000000UL

static struct {
    unsigned char guard_lo[256];
    unsigned char buf[SCRATCH_SIZE];
    unsigned char guard_hi[256];
} scratch;

static uint64_t rng = 0xf5f5f5f5deadbeefULL;

static uint64_t rnd(void)   // xorshift64*
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t below(uint64_t n) { return rnd() % n; }

static uint64_t garbage(void)
{
    switch (below(6)) {
    case 0:  return 0;
    case 1:  return -1UL;
    case 2:  return below(4096);
    case 3:  return 1UL << below(64);
    case 4:  return -below(4096);
    default: return rnd();
    }
}

static uint64_t bad_addr(void)
{
    switch (below(4)) {
    case 0:  return 0;
    case 1:  return 1 + below(4095);
    case 2:  return KERNEL_HALF + below(1UL << 40);
    default: return -1UL - below(4096);
    }
}

// A buffer of n bytes the kernel may write (or a bad address).
static uint64_t buffer(size_t n)
{
    if (below(4) == 0 || n > SCRATCH_SIZE)
        return bad_addr();
    return (uint64_t)scratch.buf + below(SCRATCH_SIZE - n + 1);
}

static const char *const names[] = {
    "/tmp/f", "/tmp/g", "/tmp/d", "/tmp/d/f", "/tmp/d/e", "/tmp/d/e/f", "/tmp", "/tmp/",
    "/tmp/f/", "/tmp/d/../g", "/", "/bin", "/bin/init", "/dev/null", "/nonexistent",
    "", "f", "d", "..", ".",
};
#define NNAMES (sizeof names / sizeof names[0])

static uint64_t name(void)
{
    return below(8) ? (uint64_t)names[below(NNAMES)] : bad_addr();
}

static uint64_t fd(void)
{
    switch (below(4)) {
    case 0:  return CLOSED_FD + below(4);
    case 1:  return -100;       // AT_FDCWD
    default: return FD_LO + below(FD_HI - FD_LO + 1);
    }
}

static uint64_t small_size(void)
{
    return below(3) ? below(3 * 4096) : garbage() & 0x1fffffff;
}

// fds 3..8: /tmp/f and /tmp/d (made if missing), read-write, append, read-only.
static void reset_fds(void)
{
    for (int i = FD_LO; i < 64; i++)  // F_DUPFD may have put one anywhere
        close(i);
    chdir("/tmp");
    mkdir("/tmp/d", 0755);
    open("/tmp/f", O_CREAT | O_RDWR, 0644);             // 3
    open("/tmp/f", O_WRONLY | O_APPEND);                // 4
    open("/tmp/f", O_RDONLY);                           // 5
    open("/tmp/d", O_RDONLY | O_DIRECTORY);             // 6
    open("/tmp", O_RDONLY | O_DIRECTORY);               // 7
    open("/bin", O_RDONLY | O_DIRECTORY);               // 8
}

static void one_call(void)
{
    uint64_t n = small_size();
    switch (below(22)) {
    case 0:  syscall(SYS_openat, fd(), name(), garbage(), garbage()); break;
    case 1:  syscall(SYS_read, fd(), buffer(n), n); break;
    case 2:  syscall(SYS_write, fd(), buffer(n), n); break;
    case 3:  syscall(SYS_pread64, fd(), buffer(n), n, below(2) ? small_size() : garbage()); break;
    case 4:  syscall(SYS_pwrite64, fd(), buffer(n), n, below(2) ? small_size() : garbage()); break;
    case 5:  syscall(SYS_lseek, fd(), garbage(), below(2) ? below(6) : garbage()); break;
    case 6:  syscall(SYS_ftruncate, fd(), below(2) ? small_size() : garbage()); break;
    case 7:  syscall(SYS_getdents64, fd(), buffer(n), n); break;
    case 8:  syscall(SYS_renameat2, fd(), name(), fd(), name(), below(2) ? below(8) : garbage()); break;
    case 9:  syscall(SYS_unlinkat, fd(), name(), below(2) ? 0x200 : garbage()); break;
    case 10: syscall(SYS_mkdirat, fd(), name(), garbage()); break;
    case 11: syscall(SYS_newfstatat, fd(), name(), buffer(144), garbage() & 0x1900); break;
    case 12: syscall(SYS_statx, fd(), name(), garbage() & 0x1900, garbage(), buffer(256)); break;
    case 13: syscall(SYS_faccessat2, fd(), name(), garbage() & 15, garbage() & 0x1300); break;
    case 14: syscall(SYS_fcntl, fd(), below(2) ? below(5) : garbage(), below(2) ? 30 + below(2) : garbage()); break;
    case 15: syscall(SYS_dup3, fd(), 9 + below(4), below(2) ? O_CLOEXEC : garbage()); break;
    case 16: syscall(SYS_chdir, name()); break;
    case 17: syscall(SYS_fchdir, fd()); break;
    case 18: syscall(SYS_utimensat, fd(), below(4) ? name() : 0, buffer(32), garbage() & 0x1100); break;
    case 19: syscall(SYS_fchmodat, fd(), name(), garbage()); break;
    case 20: syscall(SYS_truncate, name(), below(2) ? small_size() : garbage()); break;
    default: syscall(SYS_umask, garbage()); break;
    }
}

static long free_pages(void)
{
    struct sysinfo si;
    return sysinfo(&si) < 0 ? -1 : (long)(si.freeram * si.mem_unit / 4096);
}

struct dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

// Remove everything below dir (whatever names the calls made, renamed and nested).
static void remove_below(const char *dir)
{
    char buf[1024], path[256];
    int again = 1;
    while (again) {
        again = 0;
        int d = open(dir, O_RDONLY | O_DIRECTORY);
        long n = syscall(SYS_getdents64, d, buf, sizeof buf);
        close(d);
        for (long off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen) {
            struct dirent64 *e = (void *)(buf + off);
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (e->d_type == 4 /* DT_DIR */)
                remove_below(path);
            again |= unlink(path) == 0 || rmdir(path) == 0;
        }
    }
}

static void remove_all(void)
{
    for (int i = FD_LO; i < 64; i++)  // F_DUPFD may have put one anywhere
        close(i);
    remove_below("/tmp");
}

static int tmp_is_empty(void)
{
    char buf[512];
    int d = open("/tmp", O_RDONLY | O_DIRECTORY);
    long n = syscall(SYS_getdents64, d, buf, sizeof buf);
    close(d);
    return n == 48;     // "." and "..", 24 bytes each
}

// Touch the stack remove_below may need, so its growth is not counted as a leak.
static int warm_stack(int depth)
{
    volatile char pad[2048];
    pad[0] = (char)depth;
    return depth ? warm_stack(depth - 1) + pad[0] : 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    warm_stack(16);
    // bss pages arrive when first touched (by us or by the kernel writing into them):
    // touch them all now, so that none is counted as a leak.
    memset(&scratch, 0, sizeof scratch);
    memset(scratch.guard_lo, 0xa5, sizeof scratch.guard_lo);
    memset(scratch.guard_hi, 0xa5, sizeof scratch.guard_hi);
    long before = free_pages();
    for (int i = 0; i < CALLS; i++) {
        reset_fds();
        one_call();
    }
    umask(022);
    remove_all();
    int empty = tmp_is_empty();
    long after = free_pages();

    int guards = 1;
    for (size_t i = 0; i < sizeof scratch.guard_lo; i++)
        guards &= scratch.guard_lo[i] == 0xa5 && scratch.guard_hi[i] == 0xa5;
    printf("bad fs syscalls survived: %d\n", CALLS);
    printf("kernel wrote only where allowed: %s\n", guards ? "yes" : "no");
    printf("/tmp empty again: %s\n", empty ? "yes" : "no");
    printf("free pages before == after: %s\n", before == after ? "yes" : "no");
    if (before != after)
        printf("(%ld before, %ld after)\n", before, after);
    return guards && empty && before == after ? 0 : 1;
}
