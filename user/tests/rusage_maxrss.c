// rusage_maxrss: ru_maxrss is the most memory a process has held, in KiB
// lab: 0
//
// getrusage's ru_maxrss counts the resident pages at their peak (Linux's hiwater_rss):
// touching 20 MiB raises it to at least that, and freeing them does not lower it; the
// peak of the address space a process had before its exec counts too (Linux keeps it).
// RUSAGE_CHILDREN has the largest of the reaped children's peaks, and wait4's rusage
// that of the child it reaps. Compared with margins: the C library and the kernel
// hold a few pages of their own.

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define MIB (1024 * 1024)

static long maxrss(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return ru.ru_maxrss;
}

static void touch(long bytes)
{
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (long i = 0; i < bytes; i += 4096)
        p[i] = 1;
    munmap(p, bytes);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    long before = maxrss(RUSAGE_SELF);
    check("ru_maxrss is some memory already (over 8 KiB)", before > 8, 1);
    touch(20 * MIB);
    long after = maxrss(RUSAGE_SELF);
    // (The peak before exec counts too: "before" may be the parent's copy's.)
    check("after touching 20 MiB: at least 19.5 MiB, at most 24 MiB more than before",
          after >= 19 * 1024 + 512 && after - before <= 24 * 1024, 1);
    check("freed again, the peak stays", maxrss(RUSAGE_SELF) == after, 1);
    check("no child yet: RUSAGE_CHILDREN says 0", maxrss(RUSAGE_CHILDREN), 0);

    pid_t pid = fork();
    if (pid == 0) {
        touch(30 * MIB);
        _exit(0);
    }
    struct rusage ru;
    int status;
    wait4(pid, &status, 0, &ru);
    check("wait4's rusage: the child's peak, 30 MiB or more", ru.ru_maxrss >= 30 * 1024, 1);
    long children = maxrss(RUSAGE_CHILDREN);
    check("RUSAGE_CHILDREN: the same", children == ru.ru_maxrss, 1);
    pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, &status, 0);
    check("a smaller child later does not lower it", maxrss(RUSAGE_CHILDREN), children);
    return failures != 0;
}
