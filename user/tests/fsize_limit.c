// fsize_limit: with RLIMIT_FSIZE set, a write that would cross the limit stops at it;
// one that starts at the limit raises SIGXFSZ and fails with EFBIG (both, in that
// order, as Linux's generic_write_check_limits), with SIGXFSZ ignored only EFBIG;
// ftruncate past the limit does the same; by default SIGXFSZ kills the writer.
// lab: 0

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "sigtest.h"

static char path[64];
static volatile int caught;
static char buf[1500];

static void on_xfsz(int sig)
{
    (void)sig;
    caught++;
}

static void set_limit(rlim_t n)
{
    struct rlimit rl = { n, RLIM_INFINITY };
    setrlimit(RLIMIT_FSIZE, &rl);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(path, sizeof path, "/tmp/siglab-fsize-%d", getpid());
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    signal(SIGXFSZ, on_xfsz);
    set_limit(1000);
    check("write crossing the limit is short", write(fd, buf, sizeof buf), 1000);
    check("no signal for the short write", caught, 0);
    errno = 0;
    check("write at the limit fails", write(fd, buf, 10), -1);
    check("with EFBIG", errno, EFBIG);
    check("after SIGXFSZ", caught, 1);
    check("pwrite below the limit", pwrite(fd, "x", 1, 999), 1);
    check("pwrite at the limit", pwrite(fd, "x", 1, 1000) == -1 && errno == EFBIG, 1);
    check("SIGXFSZ again", caught, 2);
    check("ftruncate below", ftruncate(fd, 500), 0);
    check("ftruncate past", ftruncate(fd, 2000) == -1 && errno == EFBIG, 1);
    check("SIGXFSZ for ftruncate", caught, 3);
    signal(SIGXFSZ, SIG_IGN);
    lseek(fd, 1000, SEEK_SET);
    check("ignored: still EFBIG", write(fd, "x", 1) == -1 && errno == EFBIG, 1);
    check("no handler run", caught, 3);

    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_DFL);
        lseek(fd, 1000, SEEK_SET);
        write(fd, "x", 1);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    check("default action kills", WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ, 1);
    set_limit(RLIM_INFINITY);
    check("unlimited again", write(fd, buf, 10), 10);
    close(fd);
    unlink(path);
    return failures != 0;
}
