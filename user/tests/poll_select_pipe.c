// poll, select, ppoll and pselect6 on a pipe; with no descriptors they just sleep.
// lab: 0
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAIL");
    failures += !ok;
}

static long elapsed_ms(struct timespec a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int p[2];
    pipe(p);

    struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    check("poll: empty pipe, only the write end is ready",
          poll(fds, 2, 0) == 1 && fds[0].revents == 0 && fds[1].revents == POLLOUT);
    write(p[1], "x", 1);
    check("poll: after a write the read end is readable",
          poll(fds, 1, 0) == 1 && fds[0].revents == POLLIN);

    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    struct timeval tv = { 0, 0 };
    check("select: both ends ready", select(p[1] + 1, &rd, &wr, NULL, &tv) == 2 &&
          FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr));

    char c;
    read(p[0], &c, 1);
    struct timespec zero = { 0, 0 };
    check("ppoll: drained pipe not readable", ppoll(fds, 1, &zero, NULL) == 0);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    check("pselect: drained pipe not readable",
          pselect(p[0] + 1, &rd, NULL, NULL, &zero, NULL) == 0 && !FD_ISSET(p[0], &rd));

    close(p[1]);
    check("poll: writer gone gives POLLHUP", poll(fds, 1, 0) == 1 && (fds[0].revents & POLLHUP));

    struct pollfd bad = { 99, POLLIN, 0 };
    check("poll: closed descriptor gives POLLNVAL", poll(&bad, 1, 0) == 1 && bad.revents == POLLNVAL);

    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    check("poll with no descriptors sleeps 30 ms", poll(NULL, 0, 30) == 0 && elapsed_ms(start) >= 30);
    clock_gettime(CLOCK_MONOTONIC, &start);
    struct timeval sleep = { 0, 30000 };
    check("select with no descriptors sleeps 30 ms",
          select(0, NULL, NULL, NULL, &sleep) == 0 && elapsed_ms(start) >= 30);
    return failures != 0;
}
