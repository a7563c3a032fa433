// readv_writev_efault: a bad buffer anywhere in the iovec array: EFAULT, nothing moved
// lab: 0
//
// readv and writev check every iovec before they move a byte (Linux import_iovec,
// then the pipe's copy fails as a whole). With a good first buffer and an unmapped
// second one, writev to a pipe returns EFAULT and writes nothing; readv from a pipe
// returns EFAULT and takes nothing out of it.

#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int p[2];
    pipe(p);
    char a[4] = "abcd";
    struct iovec bad_second[2] = { { a, 4 }, { (void *)8, 4 } };

    errno = 0;
    check("writev, second buffer unmapped: EFAULT", writev(p[1], bad_second, 2) == -1 && errno == EFAULT, 1);
    write(p[1], "wxyz", 4);
    char b[2];
    struct iovec read_bad[2] = { { b, 2 }, { (void *)8, 4 } };
    errno = 0;
    check("readv, second buffer unmapped: EFAULT", readv(p[0], read_bad, 2) == -1 && errno == EFAULT, 1);
    char c[16] = "";
    long n = read(p[0], c, sizeof c);
    check("the pipe holds just the 4 bytes of the good write", n, 4);
    check("  and they are wxyz", n == 4 && c[0] == 'w' && c[3] == 'z', 1);
    struct iovec good = { a, 4 };
    errno = 0;
    check("writev, iovec array unmapped: EFAULT",
          syscall(SYS_writev, p[1], 8L, 1) == -1 && errno == EFAULT, 1);   // (raw: libc headers object)
    check("writev of good buffers still works", writev(p[1], &good, 1), 4);
    return failures != 0;
}
