// efault: a bad user pointer makes a syscall fail with EFAULT instead of crashing
// the process or the kernel. The kernel must check every address it is handed:
// unmapped, in the kernel half, or mapped without the access it needs.

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int failures;

static const char *errname(int e)
{
    return e == EFAULT ? "EFAULT" : strerror(e);
}

// Expect r == -1 with errno EFAULT; err is errno as the call left it.
static void expect_efault(const char *what, long r, int err)
{
    int ok = r == -1 && err == EFAULT;
    printf("%s: %ld %s: %s\n", what, r, r == -1 ? errname(err) : "(no error)",
           ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

// An address that was mapped a moment ago, so it is certainly not mapped now.
static void *unmapped_page(void)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return (void *)1;   // still a bad address, if a less interesting one
    munmap(p, 4096);
    return p;
}

// Through a volatile, so the compiler cannot see the constant: glibc's <unistd.h>
// declares that write() reads its buffer, and gcc -Werror then refuses address 1.
static void *volatile address_one = (void *)1;

static void bad_writes(void)
{
    long r = write(1, address_one, 5);
    expect_efault("write from address 1", r, errno);
    r = write(1, (void *)0xffff800000000000UL, 5);
    expect_efault("write from a kernel address", r, errno);
}

// A pipe with data in it, so read() reaches the copy to user memory instead of
// blocking or returning 0. A failed copy must leave the data in the pipe.
static void bad_reads(void)
{
    int fds[2];
    char buf[8] = "";

    if (pipe(fds) < 0 || write(fds[1], "hello", 5) != 5) {
        printf("pipe setup failed\n");
        failures++;
        return;
    }
    long r = read(fds[0], unmapped_page(), 5);
    expect_efault("read into an unmapped page", r, errno);
    r = read(fds[0], (void *)"string literal", 5);
    expect_efault("read into a string literal (read-only)", r, errno);
    r = read(fds[0], (void *)bad_reads, 5);
    expect_efault("read into our own code (read-only)", r, errno);
    r = read(fds[0], (void *)0xffff800000000000UL, 5);
    expect_efault("read into a kernel address", r, errno);

    r = read(fds[0], buf, 5);
    int ok = r == 5 && memcmp(buf, "hello", 5) == 0;
    printf("pipe still holds its 5 bytes: %s\n", ok ? "ok" : "FAILED");
    failures += !ok;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    bad_writes();
    bad_reads();
    printf("still running: yes\n");
    return failures ? 1 : 0;
}
