// tmpfs_enospc (siglab only): fill /tmp with 1 MiB files until a write fails with
// ENOSPC. Every file written before must still hold its bytes, the file that hit the
// limit keeps what the short write put in it, an overwrite inside existing data still
// works, and unlinking everything gives every page back: the kernel's free page count
// (sysinfo) returns to where it started.
// Nothing is printed until the counts are taken: output goes to a pipe, whose buffer
// is a page too. Natively this fails: Linux's /tmp is bigger and its memory moves.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#define CHUNK (1 << 20)
#define MAXFILES 400

static char chunk[CHUNK], back[CHUNK];
static long written[MAXFILES];

static long free_pages(void)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -1;
    return (long)(si.freeram * si.mem_unit / 4096);
}

static long total_pages(void)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -1;
    return (long)(si.totalram * si.mem_unit / 4096);
}

static void name(char *buf, int i)
{
    snprintf(buf, 64, "/tmp/fill-%d", i);
}

static void fill_pattern(int i)
{
    for (int k = 0; k < CHUNK; k++)
        chunk[k] = (char)(i * 31 + k / 4096 + k);
}

// Write files until a write falls short; returns how many files there are.
static int fill(int *enospc_seen)
{
    char path[64];
    for (int i = 0; i < MAXFILES; i++) {
        name(path, i);
        int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
        if (fd < 0)
            return i;
        fill_pattern(i);
        long n = write(fd, chunk, CHUNK);
        written[i] = n < 0 ? 0 : n;
        if (n < CHUNK) {
            // The next write must say why: nothing more fits.
            *enospc_seen = write(fd, chunk, CHUNK) == -1 && errno == ENOSPC;
            close(fd);
            return i + 1;
        }
        close(fd);
    }
    return MAXFILES;
}

static int intact(int i)
{
    char path[64];
    name(path, i);
    int fd = open(path, O_RDONLY);
    fill_pattern(i);
    long n = read(fd, back, CHUNK);
    close(fd);
    return n == written[i] && memcmp(chunk, back, n) == 0;
}

int main(void)
{
    int enospc = 0, bad = 0, overwrite_ok = 0;
    setvbuf(stdout, NULL, _IONBF, 0);
    // bss pages arrive when first touched: touch the buffers now, so that they are
    // neither counted as /tmp's pages nor as a leak.
    memset(chunk, 0, sizeof chunk);
    memset(back, 0, sizeof back);
    memset(written, 0, sizeof written);
    long before = free_pages();
    int nfiles = fill(&enospc);
    long at_full = free_pages();
    for (int i = 0; i < nfiles; i++)
        bad += !intact(i);

    // Rewriting bytes that exist needs no new page, so it works on a full /tmp.
    int fd = open("/tmp/fill-0", O_WRONLY);
    overwrite_ok = pwrite(fd, "overwrite", 9, 100) == 9;
    close(fd);
    memcpy(chunk, "overwrite", 9);
    char path[64];
    for (int i = 0; i < nfiles; i++) {
        name(path, i);
        unlink(path);
    }
    long after = free_pages();

    printf("tmpfs_enospc: filled until ENOSPC: %s\n", enospc ? "yes" : "no");
    printf("more than 16 MiB fitted: %s\n", nfiles > 16 ? "yes" : "no");
    printf("half of RAM or less went to /tmp: %s\n",
           before - at_full <= total_pages() / 2 ? "yes" : "no");
    printf("files intact: %s\n", bad == 0 ? "yes" : "no");
    printf("overwrite on a full /tmp: %s\n", overwrite_ok ? "yes" : "no");
    if (before == after && before > 0) {
        printf("free pages before == after: yes\n");
        return enospc && !bad && overwrite_ok ? 0 : 1;
    }
    printf("free pages before == after: no (%ld before, %ld after)\n", before, after);
    return 1;
}
