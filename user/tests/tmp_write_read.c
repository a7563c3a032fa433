// tmp_write_read: bytes written to a new file in /tmp read back the same, across page
// boundaries; a read at the end returns 0; pread and pwrite leave the offset alone.
// lab: 0

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "sigtest.h"

static char path[64];
static char data[10000], back[10000];

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(path, sizeof path, "/tmp/siglab-write_read-%d", getpid());
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)(i * 7 + i / 4096);

    int fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0644);
    check("open O_CREAT|O_EXCL", fd >= 0, 1);
    check("write 10000 bytes", write(fd, data, sizeof data), sizeof data);
    check("offset after write", lseek(fd, 0, SEEK_CUR), sizeof data);
    check("read at the end", read(fd, back, 10), 0);
    check("rewind", lseek(fd, 0, SEEK_SET), 0);
    check("read back 10000 bytes", read(fd, back, sizeof back), sizeof back);
    check("same bytes", memcmp(data, back, sizeof data), 0);

    char small[8] = { 0 };
    check("pread 5 at 4094", pread(fd, small, 5, 4094), 5);
    check("pread bytes", memcmp(small, data + 4094, 5), 0);
    check("pwrite 3 at 4095", pwrite(fd, "abc", 3, 4095), 3);
    check("offset unmoved", lseek(fd, 0, SEEK_CUR), sizeof data);
    check("pread after pwrite", pread(fd, small, 4, 4094), 4);
    check("pwritten bytes", memcmp(small + 1, "abc", 3) == 0 && small[0] == data[4094], 1);

    struct stat st;
    check("fstat", fstat(fd, &st), 0);
    check("st_size", st.st_size, sizeof data);
    check("regular file", S_ISREG(st.st_mode), 1);
    check("st_nlink", st.st_nlink, 1);
    close(fd);

    fd = open(path, O_RDONLY);
    check("reopen read-only", fd >= 0, 1);
    check("write on O_RDONLY fails", write(fd, "x", 1), -1);
    close(fd);
    check("unlink", unlink(path), 0);
    return failures != 0;
}
