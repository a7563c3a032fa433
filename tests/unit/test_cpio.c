// sources: kern/cpio.c
/* The initrd parser reads what tools/mkinitrd writes, and rejects damaged archives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/unit/check.h"
#include "kern/cpio.h"

struct seen {
    int n;
    char names[8][64];
    size_t sizes[8];
    unsigned modes[8];
    char first_bytes[8][8];
    unsigned inos[8], nlinks[8];
};

static void record(const struct cpio_entry *e, void *arg)
{
    struct seen *s = arg;
    if (s->n == 8)
        return;
    snprintf(s->names[s->n], 64, "%s", e->name);
    s->sizes[s->n] = e->size;
    s->modes[s->n] = e->mode;
    s->inos[s->n] = e->ino;
    s->nlinks[s->n] = e->nlink;
    memcpy(s->first_bytes[s->n], e->data, e->size < 7 ? e->size : 7);
    s->n++;
}

/* Build an archive with the project's own tool, as the Makefile does. */
static unsigned char *make_archive(size_t *len)
{
    FILE *f = fopen("build/unit/cpio_a.txt", "w");
    fputs("hello", f);
    fclose(f);
    f = fopen("build/unit/cpio_b.txt", "w");
    fputs("", f);
    fclose(f);
    if (system("python3 tools/mkinitrd build/unit/test.cpio /bin/a=build/unit/cpio_a.txt "
               "/etc/empty=build/unit/cpio_b.txt /bin/b=build/unit/cpio_a.txt") != 0)
        return NULL;
    f = fopen("build/unit/test.cpio", "rb");
    static unsigned char buf[65536];
    *len = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    return buf;
}

int main(void)
{
    size_t len;
    unsigned char *buf = make_archive(&len);
    CHECK(buf != NULL);
    if (!buf)
        return check_summary();

    struct seen s = { 0 };
    int n = cpio_parse(buf, len, record, &s);
    /* Directories bin and etc, then the three names (bin/a and bin/b are one file). */
    CHECK_EQ(n, 5);
    int a = -1, b = -1, e = -1;
    for (int i = 0; i < s.n; i++) {
        if (strcmp(s.names[i], "bin/a") == 0)
            a = i;
        if (strcmp(s.names[i], "bin/b") == 0)
            b = i;
        if (strcmp(s.names[i], "etc/empty") == 0)
            e = i;
    }
    CHECK(a >= 0 && b >= 0 && e >= 0);
    if (a >= 0 && b >= 0) {
        /* A hard link as GNU cpio writes one: same inode, two links, data on the last. */
        CHECK_EQ(s.inos[a], s.inos[b]);
        CHECK_EQ(s.nlinks[a], 2);
        CHECK_EQ(s.nlinks[b], 2);
        CHECK_EQ(s.sizes[a], 0);
        CHECK_EQ(s.sizes[b], 5);
        CHECK_STR_EQ(s.first_bytes[b], "hello");
        CHECK_EQ(s.modes[b] & 0170000, 0100000);
    }
    if (e >= 0) {
        CHECK_EQ(s.sizes[e], 0);
        CHECK_EQ(s.nlinks[e], 1);
        CHECK(s.inos[e] != s.inos[b]);
    }

    /* Damage: bad magic, truncation, a size past the end. */
    struct seen t = { 0 };
    unsigned char copy[65536];
    memcpy(copy, buf, len);
    copy[0] = 'X';
    CHECK_EQ(cpio_parse(copy, len, record, &t), -1);
    CHECK_EQ(cpio_parse(buf, 50, record, &t), -1);
    memcpy(copy, buf, len);
    memcpy(copy + 6 + 8 * 6, "7fffffff", 8);    /* first member's c_filesize */
    CHECK_EQ(cpio_parse(copy, len, record, &t), -1);
    return check_summary();
}
