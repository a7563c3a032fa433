// signalfd_read_efault: a signalfd read into a bad buffer is EFAULT; a user address loses the signal
// lab: 2
//
// read() first checks that the buffer lies in the user half (Linux access_ok): a
// kernel address is EFAULT and the signal stays pending. An unmapped user address
// passes that check; the signal is dequeued, writing its record faults, and the read
// returns EFAULT with the signal gone, as on Linux. Writing the second record faulting
// returns the first one's 128 bytes.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK);
    /* Through a volatile, so the compiler cannot see (and warn about) the bad buffers. */
    char *volatile kernel_half = (char *)0xffff800000000000UL;
    char *volatile low = (char *)1;

    kill(getpid(), SIGUSR1);
    errno = 0;
    check("a kernel address: -1", read(fd, kernel_half, 128), -1);
    check("EFAULT", errno, EFAULT);
    check("SIGUSR1 is still pending", is_pending(SIGUSR1), 1);
    errno = 0;
    check("address 1: -1", read(fd, low, 128), -1);
    check("EFAULT", errno, EFAULT);
    check("SIGUSR1 was dequeued and lost", is_pending(SIGUSR1), 0);

    /* One record's room before an unmapped page. */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pages + 4096, 4096);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR2);
    check("two records, room for one before a hole: 128",
          read(fd, pages + 4096 - 128, 256), 128);
    check("the first record is SIGUSR1",
          ((struct signalfd_siginfo *)(pages + 4096 - 128))->ssi_signo, SIGUSR1);
    check("SIGUSR2 was dequeued and lost too", is_pending(SIGUSR2), 0);
    errno = 0;
    check("nothing left: EAGAIN", read(fd, pages, 128) == -1 && errno == EAGAIN, 1);
    return failures != 0;
}
