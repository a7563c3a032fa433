// syscalls (lab 0): system calls go in and come back with the right results, and
// the way back to user mode leaves the registers as they were.
//
// usage: syscalls NONCE

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    long nonce = arg(argc, argv, 1);

    // A round trip through the kernel: the nonce into a pipe and back.
    int p[2];
    char buf[64];
    if (pipe(p) < 0) {
        printf("pipe: %s\n", strerror(errno));
        return 1;
    }
    int n = snprintf(buf, sizeof buf, "%ld", nonce);
    printf("write to a pipe: %ld bytes\n", (long)write(p[1], buf, n));
    memset(buf, 0, sizeof buf);
    long got = read(p[0], buf, sizeof buf - 1);
    printf("read from the pipe: %ld bytes: %s\n", got, buf);

    // dup2, then the write end goes through the duplicate.
    printf("dup2 returns the new fd: %s\n", dup2(p[1], 10) == 10 ? "yes" : "no");
    write(10, "x", 1);
    printf("a byte through the duplicate: %s\n", read(p[0], buf, 1) == 1 && buf[0] == 'x' ? "yes" : "no");

    // Memory from brk/mmap: 4 MiB, every page touched, the nonce in its last word.
    size_t size = 4 << 20;
    unsigned char *mem = malloc(size);
    unsigned long sum = 0;
    for (size_t i = 0; mem && i < size; i++)
        mem[i] = (unsigned char)i;
    for (size_t i = 0; mem && i < size; i++)
        sum += mem[i];
    volatile long *last = mem ? (volatile long *)(mem + size - sizeof(long)) : NULL;
    if (last)
        *last = nonce;
    printf("4 MiB of memory, summed: %lu; its last word: %ld\n", sum, last ? *last : 0L);

    // Time passes during nanosleep.
    long t0 = now_ms();
    struct timespec ts = { 0, 20 * 1000000L };
    long r = nanosleep(&ts, NULL);
    long t1 = now_ms();
    printf("nanosleep(20 ms) returns %ld, and 20 ms passed: %s\n", r, t1 - t0 >= 20 ? "yes" : "no");

    printf("getpid() == gettid(): %s\n", getpid() == (pid_t)syscall(SYS_gettid) ? "yes" : "no");
    errno = 0;
    r = syscall(999);
    printf("an unknown system call: %s\n", result(r));
    return 0;
}
