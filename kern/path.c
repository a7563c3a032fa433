/*
 * Path names. Our only file system is the initrd, a flat list of names, so a path is
 * resolved purely as text: join it to the working directory and fold "." and "..".
 * Pure code, unit-tested on the host.
 */
#include "kern/path.h"
#include "kern/string.h"
#include "kern/errno.h"

/* Append one component to out (which holds a canonical path of length *len). */
static int push_component(char *out, size_t *len, size_t outsize, const char *c, size_t clen)
{
    if (clen == 1 && c[0] == '.')
        return 0;
    if (clen == 2 && c[0] == '.' && c[1] == '.') {
        while (*len > 0 && out[*len - 1] != '/')
            (*len)--;
        if (*len > 0)
            (*len)--;           /* drop the slash too */
        return 0;
    }
    if (*len + 1 + clen + 1 > outsize)
        return -ENAMETOOLONG;
    out[(*len)++] = '/';
    memcpy(out + *len, c, clen);
    *len += clen;
    return 0;
}

static int push_path(char *out, size_t *len, size_t outsize, const char *p)
{
    while (*p) {
        while (*p == '/')
            p++;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        if (p > start) {
            int err = push_component(out, len, outsize, start, p - start);
            if (err)
                return err;
        }
    }
    return 0;
}

int path_resolve(const char *cwd, const char *path, char *out, size_t outsize)
{
    if (!path[0])
        return -ENOENT;
    if (outsize < 2)
        return -ENAMETOOLONG;
    size_t len = 0;
    int err = 0;
    if (path[0] != '/')
        err = push_path(out, &len, outsize, cwd);
    if (!err)
        err = push_path(out, &len, outsize, path);
    if (err)
        return err;
    if (len == 0)
        out[len++] = '/';
    out[len] = 0;
    return 0;
}
