// signalfd_read_order: a signalfd read takes pending signals lowest first, several per read
// lab: 2
//
// With SIGUSR2, SIGUSR1, SIGRTMIN+1 (twice, with values) and SIGTERM blocked and
// pending, one read() with room for eight records returns them in dequeue_signal's
// order: lowest number first, a real-time signal's instances in the order sent, each
// as a 128-byte struct signalfd_siginfo with the sender's pid and uid, si_code, and
// for sigqueue the value in ssi_int and ssi_ptr. Signals outside the fd's mask stay
// pending. Then: nothing left is EAGAIN for a nonblocking fd, a buffer smaller than
// one record is EINVAL, and a read stops at the records that fit.
//
// Every signal here is sent to the process (kill, sigqueue): Linux dequeues signals
// sent to the thread (raise, tgkill) before those, and siglab has one pending set.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int rt = SIGRTMIN + 1;
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, rt);
    sigaddset(&mask, SIGHUP);       /* blocked, not in the fd's mask below */
    sigprocmask(SIG_BLOCK, &mask, NULL);
    sigdelset(&mask, SIGHUP);

    int fd = signalfd(-1, &mask, SFD_NONBLOCK);
    check("signalfd(-1, mask, SFD_NONBLOCK) gives a descriptor", fd >= 0, 1);
    check("struct signalfd_siginfo is 128 bytes", sizeof(struct signalfd_siginfo), 128);

    kill(getpid(), SIGTERM);
    sigqueue(getpid(), rt, (union sigval){ .sival_int = 111 });
    kill(getpid(), SIGUSR2);
    sigqueue(getpid(), rt, (union sigval){ .sival_int = 222 });
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGHUP);

    struct signalfd_siginfo si[8];
    memset(si, 0xff, sizeof(si));
    check("one read returns five records", read(fd, si, sizeof(si)), 5 * 128);
    int want[] = { SIGUSR1, SIGUSR2, SIGTERM, rt, rt };
    int code[] = { SI_USER, SI_USER, SI_USER, SI_QUEUE, SI_QUEUE };
    const char *names[] = { "SIGUSR1", "SIGUSR2", "SIGTERM", "SIGRTMIN+1 #1", "SIGRTMIN+1 #2" };
    char what[96];
    for (int i = 0; i < 5; i++) {
        snprintf(what, sizeof what, "record %d is %s", i, names[i]);
        check(what, si[i].ssi_signo, want[i]);
        snprintf(what, sizeof what, "record %d: ssi_code", i);
        check(what, si[i].ssi_code, code[i]);
        snprintf(what, sizeof what, "record %d: ssi_pid is ours", i);
        check(what, si[i].ssi_pid, getpid());
        snprintf(what, sizeof what, "record %d: ssi_uid is ours", i);
        check(what, si[i].ssi_uid, getuid());
        snprintf(what, sizeof what, "record %d: ssi_errno", i);
        check(what, si[i].ssi_errno, 0);
    }
    check("SIGUSR1 (kill): ssi_int and ssi_ptr are 0", si[0].ssi_int == 0 && si[0].ssi_ptr == 0, 1);
    check("first SIGRTMIN+1: ssi_int 111", si[3].ssi_int, 111);
    check("first SIGRTMIN+1: ssi_ptr 111", (long)si[3].ssi_ptr, 111);
    check("second SIGRTMIN+1: ssi_int 222", si[4].ssi_int, 222);
    check("unused fields are 0 (ssi_status, ssi_utime, ssi_addr)",
          si[3].ssi_status == 0 && si[3].ssi_utime == 0 && si[3].ssi_addr == 0, 1);
    check("the record after the fifth is untouched", si[5].ssi_signo, 0xffffffffu);
    check("SIGHUP, not in the fd's mask, is still pending", is_pending(SIGHUP), 1);
    check("SIGUSR1 is no longer pending", is_pending(SIGUSR1), 0);

    errno = 0;
    check("nothing left: -1", read(fd, si, sizeof(si)), -1);
    check("EAGAIN", errno, EAGAIN);

    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGUSR1);
    errno = 0;
    check("a 127-byte buffer: -1", read(fd, si, 127), -1);
    check("EINVAL", errno, EINVAL);
    errno = 0;
    check("a 0-byte read: -1 too (not 0, as for a file)", read(fd, si, 0), -1);
    check("EINVAL", errno, EINVAL);
    check("SIGUSR1 is still pending after them", is_pending(SIGUSR1), 1);
    check("a 200-byte buffer takes one record", read(fd, si, 200), 128);
    check("it is SIGUSR1", si[0].ssi_signo, SIGUSR1);
    check("the next read takes SIGUSR2", read(fd, si, sizeof(si)), 128);
    check("it is SIGUSR2", si[0].ssi_signo, SIGUSR2);
    close(fd);
    return failures != 0;
}
