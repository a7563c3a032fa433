// exhaust_pipes: pipes until EMFILE, each filled, then abandoned
// lab: 0
//
// With RLIMIT_NOFILE at 64 (siglab's table size, so both kernels stop at the
// same place) a process makes pipes until pipe() fails with EMFILE: stdin,
// stdout and stderr leave 61 descriptors, so 30 pipes, and the 31st has one
// descriptor free but needs two. Each pipe is filled through a non-blocking
// write end until EAGAIN: 65536 bytes, Linux's default capacity. Then the
// process exits without reading or closing any of it.
//
// Also: 1000 rounds of pipe, fill, close; and a writer blocked on a full pipe
// whose last reader goes away, which wakes with EPIPE (and dies of SIGPIPE at
// its default). Every page the pipes held is free once the processes are gone.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"
#include "exhaust.h"

#define NOFILE_LIMIT 64
#define ROUNDS       1000

static char chunk[4096];

// Write into fd (non-blocking) until it is full; the bytes it took.
static long fill(int fd)
{
    long total = 0;
    fcntl(fd, F_SETFL, O_NONBLOCK);
    for (;;) {
        ssize_t n = write(fd, chunk, sizeof chunk);
        if (n < 0)
            return errno == EAGAIN ? total : -errno;
        total += n;
    }
}

static int until_emfile(void)
{
    struct rlimit lim = { NOFILE_LIMIT, NOFILE_LIMIT };
    check("setrlimit(RLIMIT_NOFILE, 64)", setrlimit(RLIMIT_NOFILE, &lim), 0);
    int pipes = 0, err = 0, all_full = 1, p[2];
    for (;;) {
        if (pipe(p) < 0) {
            err = errno;
            break;
        }
        pipes++;
        all_full &= fill(p[1]) == 65536;
    }
    check("30 pipes before pipe() fails", pipes, 30);
    check("then EMFILE", err, EMFILE);
    check("each took 65536 bytes before EAGAIN", all_full, 1);
    return failures != 0;       // exit with all of them open and full
}

static int fill_and_close(void)
{
    int bad = 0, p[2];
    for (int i = 0; i < ROUNDS; i++) {
        if (pipe(p) < 0) {
            bad++;
            break;
        }
        bad += fill(p[1]) != 65536;
        close(p[0]);
        close(p[1]);
    }
    check("1000 rounds of pipe, fill, close", bad, 0);
    return failures != 0;
}

static int writer_loses_reader(void)
{
    int p[2], status;
    pipe(p);
    pid_t writer = fork();
    if (writer == 0) {
        close(p[0]);
        signal(SIGPIPE, SIG_IGN);
        long got = fill(p[1]);
        fcntl(p[1], F_SETFL, 0);    // now block on the full pipe
        ssize_t n = write(p[1], chunk, sizeof chunk);
        _exit(got == 65536 && n < 0 && errno == EPIPE ? 0 : 1);
    }
    close(p[1]);
    sleep_ms(100);                  // the writer is asleep on the full pipe
    close(p[0]);
    waitpid(writer, &status, 0);
    check("blocked writer wakes with EPIPE when the reader closes",
          WIFEXITED(status) && WEXITSTATUS(status) == 0, 1);

    pipe(p);
    pid_t dies = fork();
    if (dies == 0) {
        close(p[0]);
        signal(SIGPIPE, SIG_DFL);
        fill(p[1]);
        fcntl(p[1], F_SETFL, 0);
        write(p[1], chunk, sizeof chunk);
        _exit(1);
    }
    close(p[1]);
    sleep_ms(100);
    close(p[0]);
    waitpid(dies, &status, 0);
    check("with SIGPIPE at its default it dies of SIGPIPE",
          WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGPIPE);
    return failures != 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    memset(chunk, 'p', sizeof chunk);
    int bad = run_scenario("pipes until EMFILE, filled and abandoned", until_emfile);
    bad |= run_scenario("1000 pipes filled and closed", fill_and_close);
    bad |= run_scenario("a writer blocked on a full pipe loses its reader", writer_loses_reader);
    return bad;
}
