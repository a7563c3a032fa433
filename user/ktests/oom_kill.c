// Out of memory: the biggest process is killed, and everyone else carries on.
//
// A child (the hog) touches pages until almost nothing is free and then sleeps.
// This process then touches more pages than are left: its page fault finds no free
// page, the kernel kills the process holding the most pages (the hog, never init,
// never the shell), and the fault is tried again and succeeds. A second hog that
// never stops touching pages is itself the biggest when memory runs out, and dies
// with SIGKILL. Afterwards the free-page count is what it was at the start.
//

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

static long free_pages(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return (long)(si.freeram * si.mem_unit / PAGE);
}

// Touch `pages` new pages, or (pages < 0) pages without end; returns how many.
static long touch(long pages)
{
    long size = pages < 0 ? 1L << 30 : pages;   // without end: 1 GiB at a time
    long done = 0;
    for (;;) {
        char *p = mmap(NULL, size * PAGE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            return done;
        for (long i = 0; i < size; i++, done++)
            p[i * PAGE] = 1;
        if (pages >= 0)
            return done;
    }
}

static const char *how(int status)
{
    static char buf[64];
    if (WIFSIGNALED(status))
        snprintf(buf, sizeof buf, "killed by signal %d", WTERMSIG(status));
    else
        snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(status));
    return buf;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int ready[2], go[2];
    pipe(ready);
    pipe(go);
    int status;
    waitpid(-1, &status, WNOHANG);          // (nothing to reap: warms the path)
    long before = free_pages();

    // The program that will need pages exists before memory runs short: fork itself
    // needs pages, and a kernel allocation that finds none fails (ENOMEM).
    pid_t needy = fork();
    if (needy == 0) {
        char c;
        read(go[0], &c, 1);
        _exit(touch(1000) == 1000 ? 0 : 1); // more than is left
    }
    pid_t hog = fork();
    if (hog == 0) {
        touch(free_pages() - 64);           // all but 64 pages
        write(ready[1], "x", 1);
        pause();
        _exit(0);
    }
    char c;
    read(ready[0], &c, 1);
    printf("the hog holds all but a few pages: %s\n", free_pages() < 200 ? "yes" : "no");
    write(go[1], "x", 1);
    waitpid(needy, &status, 0);
    printf("a program touching 1000 more pages: %s\n", how(status));
    waitpid(hog, &status, 0);
    printf("the hog: %s\n", how(status));
    printf("init is alive: %s\n", kill(1, 0) == 0 ? "yes" : "no");

    pid_t glutton = fork();
    if (glutton == 0) {
        touch(-1);                          // until it dies
        _exit(0);
    }
    waitpid(glutton, &status, 0);
    printf("a process that never stops touching pages: %s\n", how(status));
    long after = free_pages();
    printf("free pages before == after: %s\n", before == after ? "yes" : "no");
    if (before != after)
        printf("(%ld before, %ld after)\n", before, after);
    return 0;
}
