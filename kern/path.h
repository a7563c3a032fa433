#ifndef KERN_PATH_H
#define KERN_PATH_H

#include "kern/types.h"

/* Turn path (absolute, or relative to cwd) into a canonical absolute path: single
   slashes, no "." or ".." components, no trailing slash ("/" for the root).
   Returns 0, -ENOENT for an empty path, or -ENAMETOOLONG. */
int path_resolve(const char *cwd, const char *path, char *out, size_t outsize);

#endif
