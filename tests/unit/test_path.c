// sources: kern/path.c
/* Path resolution: joining with the working directory and folding . and .. */
#include <string.h>
#include "tests/unit/check.h"
#include "kern/path.h"
#include "kern/errno.h"

static const char *resolve(const char *cwd, const char *path)
{
    static char out[256];
    int err = path_resolve(cwd, path, out, sizeof(out));
    return err ? (err == -ENOENT ? "ENOENT" : "ENAMETOOLONG") : out;
}

int main(void)
{
    CHECK_STR_EQ(resolve("/", "/bin/init"), "/bin/init");
    CHECK_STR_EQ(resolve("/", "bin/init"), "/bin/init");
    CHECK_STR_EQ(resolve("/krun", "./prog"), "/krun/prog");
    CHECK_STR_EQ(resolve("/krun", "../bin//sh"), "/bin/sh");
    CHECK_STR_EQ(resolve("/a/b", "../../../.."), "/");
    CHECK_STR_EQ(resolve("/a/b", "."), "/a/b");
    CHECK_STR_EQ(resolve("/", "/bin/"), "/bin");
    CHECK_STR_EQ(resolve("/", "//"), "/");
    CHECK_STR_EQ(resolve("/a", "b/./c/../d"), "/a/b/d");
    CHECK_STR_EQ(resolve("/", ""), "ENOENT");

    char longpath[600];
    memset(longpath, 'x', sizeof(longpath) - 1);
    longpath[sizeof(longpath) - 1] = 0;
    CHECK_STR_EQ(resolve("/", longpath), "ENAMETOOLONG");
    char tiny[4];
    CHECK_EQ(path_resolve("/", "/abcdef", tiny, sizeof(tiny)), -ENAMETOOLONG);
    return check_summary();
}
