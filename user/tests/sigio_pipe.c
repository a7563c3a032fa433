// sigio_pipe: a pipe end with O_ASYNC signals its F_SETOWN owner: plain SIGIO, or the
// F_SETSIG signal queued with si_code POLL_IN/POLL_OUT, si_band and si_fd
// lab: 1
//
// The read end gets a signal when a write puts bytes in, the write end when a read
// makes room. Without F_SETSIG the signal is SIGIO with si_code SI_KERNEL; with
// F_SETSIG(SIGRTMIN) every write queues one more real-time signal whose siginfo
// names the descriptor (si_fd), the reason (POLL_IN or POLL_OUT) and the poll bits
// (si_band). Clearing O_ASYNC stops the signals.

#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sigtest.h"

#define MAXSEEN 8

static volatile int nseen;
static volatile struct { int sig, code, fd; long band; } seen[MAXSEEN];

static void record(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (nseen < MAXSEEN) {
        seen[nseen].sig = sig;
        seen[nseen].code = si->si_code;
        seen[nseen].fd = si->si_fd;
        seen[nseen].band = si->si_band;
    }
    nseen++;
}

static void on(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = record;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

static void block(int how, int sig)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(how, &set, NULL);
}

static void plain_sigio(int p[2])
{
    nseen = 0;
    check("F_SETOWN(getpid())", fcntl(p[0], F_SETOWN, getpid()), 0);
    check("F_GETOWN", fcntl(p[0], F_GETOWN), getpid());
    check("F_GETSIG is 0 at first", fcntl(p[0], F_GETSIG), 0);
    check("F_SETFL O_ASYNC", fcntl(p[0], F_SETFL, O_ASYNC), 0);
    check("F_GETFL shows O_ASYNC", (fcntl(p[0], F_GETFL) & O_ASYNC) != 0, 1);
    write(p[1], "abc", 3);
    check("a write raised one SIGIO", nseen, 1);
    check("  it is SIGIO", seen[0].sig, SIGIO);
    check("  si_code SI_KERNEL", seen[0].code, SI_KERNEL);
    char buf[16];
    check("read the bytes", read(p[0], buf, sizeof buf), 3);
    check("reading the read end raised nothing", nseen, 1);
    fcntl(p[0], F_SETFL, 0);
    write(p[1], "d", 1);
    check("without O_ASYNC: no signal", nseen, 1);
    read(p[0], buf, sizeof buf);
}

static void setsig_read_end(int p[2])
{
    nseen = 0;
    check("F_SETSIG(SIGRTMIN)", fcntl(p[0], F_SETSIG, SIGRTMIN), 0);
    check("F_GETSIG", fcntl(p[0], F_GETSIG), SIGRTMIN);
    fcntl(p[0], F_SETFL, O_ASYNC);
    block(SIG_BLOCK, SIGRTMIN);
    write(p[1], "ab", 2);
    write(p[1], "cd", 2);
    write(p[1], "", 0);
    check("blocked: nothing delivered yet", nseen, 0);
    block(SIG_UNBLOCK, SIGRTMIN);
    check("two writes queued two SIGRTMIN (an empty write none)", nseen, 2);
    for (int i = 0; i < 2 && i < nseen; i++) {
        check("  si_code POLL_IN", seen[i].code, POLL_IN);
        check("  si_fd is the read end", seen[i].fd, p[0]);
        check("  si_band POLLIN | POLLRDNORM", seen[i].band, POLLIN | POLLRDNORM);
    }
    fcntl(p[0], F_SETFL, 0);
}

static void setsig_write_end(int p[2])
{
    char buf[16];
    nseen = 0;
    fcntl(p[1], F_SETOWN, getpid());
    fcntl(p[1], F_SETSIG, SIGRTMIN + 1);
    fcntl(p[1], F_SETFL, O_ASYNC);
    check("writing to the write end raised nothing", nseen, 0);
    check("read 4 bytes", read(p[0], buf, sizeof buf), 4);
    check("the read raised one signal for the write end", nseen, 1);
    check("  it is SIGRTMIN+1", seen[0].sig, SIGRTMIN + 1);
    check("  si_code POLL_OUT", seen[0].code, POLL_OUT);
    check("  si_fd is the write end", seen[0].fd, p[1]);
    check("  si_band POLLOUT | POLLWRNORM | POLLWRBAND", seen[0].band,
          POLLOUT | POLLWRNORM | POLLWRBAND);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int p[2];
    pipe(p);
    on(SIGIO);
    on(SIGRTMIN);
    on(SIGRTMIN + 1);
    plain_sigio(p);
    setsig_read_end(p);
    setsig_write_end(p);
    return failures != 0;
}
