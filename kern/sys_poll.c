/*
 * Waiting for several descriptors at once: poll, ppoll, select, pselect6.
 *
 * All four share one loop: ask every file whether it is ready (its ops->poll); if
 * none is and time remains, sleep on poll_wait_chan, which pipes and the console
 * wake whenever their state changes, then ask again. With no descriptors they are
 * plain sleeps.
 *
 * A signal ends the wait. poll then returns -ERESTART_RESTARTBLOCK (restart_syscall
 * carries on with the same deadline if no handler runs); select, pselect6 and ppoll
 * return -ERESTARTNOHAND. pselect6 and ppoll install a signal mask for the duration
 * of the call, like sigsuspend (lab 5).
 */
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/timer.h"
#include "kern/timespec.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/signal/signal.h"
#include "kern/syscall.h"

#define NO_TIMEOUT UINT64_MAX

struct pollfd {
    int fd;
    short events, revents;
};

#define POLL_MAX NOFILE

static int file_poll(int fd)
{
    struct file *f = fd_get(fd);
    if (!f)
        return POLLNVAL;
    return f->ops->poll ? f->ops->poll(f) : POLLIN | POLLOUT;
}

/* Fill in revents; returns how many entries have any. */
static int poll_scan(struct pollfd *fds, int nfds)
{
    int ready = 0;
    for (int i = 0; i < nfds; i++) {
        fds[i].revents = 0;
        if (fds[i].fd < 0)
            continue;
        int mask = file_poll(fds[i].fd);
        /* POLLERR, POLLHUP and POLLNVAL are reported even when not asked for. */
        fds[i].revents = mask & (fds[i].events | POLLERR | POLLHUP | POLLNVAL);
        if (fds[i].revents)
            ready++;
    }
    return ready;
}

enum wait_result { WAIT_AGAIN, WAIT_TIMEOUT, WAIT_SIGNAL };

/* Sleep until a file may have changed, the deadline passes, or a signal comes. */
static enum wait_result wait_event(uint64_t deadline)
{
    if (deadline != NO_TIMEOUT && clock_ns() >= deadline)
        return WAIT_TIMEOUT;
    if (sleep_on(&poll_wait_chan, deadline == NO_TIMEOUT ? 0 : deadline) == WAKE_SIGNAL)
        return WAIT_SIGNAL;
    return WAIT_AGAIN;
}

static long do_poll(uint64_t ufds, unsigned nfds, uint64_t deadline)
{
    if (nfds > POLL_MAX)
        return -EINVAL;
    struct pollfd fds[POLL_MAX];
    if (copy_from_user(fds, ufds, nfds * sizeof(struct pollfd)) < 0)
        return -EFAULT;
    int ready;
    enum wait_result w = WAIT_AGAIN;
    while ((ready = poll_scan(fds, nfds)) == 0 && (w = wait_event(deadline)) == WAIT_AGAIN)
        ;
    if (copy_to_user(ufds, fds, nfds * sizeof(struct pollfd)) < 0)
        return -EFAULT;
    return (!ready && w == WAIT_SIGNAL) ? -ERESTARTNOHAND : ready;
}

/* poll(2) interrupted: remember how to go on if no handler runs. */
static long poll_with_restart(uint64_t ufds, unsigned nfds, uint64_t deadline)
{
    long ret = do_poll(ufds, nfds, deadline);
    if (ret != -ERESTARTNOHAND)
        return ret;
    struct restart_block *rb = &current()->sig.restart;
    rb->fn = restart_poll;
    rb->ufds = ufds;
    rb->nfds = nfds;
    rb->deadline_ns = deadline;
    return -ERESTART_RESTARTBLOCK;
}

long restart_poll(struct restart_block *rb)
{
    return poll_with_restart(rb->ufds, rb->nfds, rb->deadline_ns);
}

long sys_poll(uint64_t ufds, unsigned nfds, int timeout_ms)
{
    uint64_t deadline = timeout_ms < 0 ? NO_TIMEOUT : clock_ns() + timeout_ms * 1000000ULL;
    return poll_with_restart(ufds, nfds, deadline);
}

/* A relative timespec (NULL: forever) as an absolute deadline. */
static long timespec_deadline(uint64_t uts, uint64_t *deadline)
{
    *deadline = NO_TIMEOUT;
    if (!uts)
        return 0;
    uint64_t ns;
    int err = get_timespec_ns(uts, &ns);
    if (!err)
        *deadline = clock_ns() + ns;
    return err;
}

long sys_ppoll(uint64_t ufds, unsigned nfds, uint64_t uts, uint64_t usigmask, size_t sigsetsize)
{
    uint64_t deadline;
    long err = timespec_deadline(uts, &deadline);
    if (!err)
        err = set_user_sigmask(usigmask, sigsetsize);
    if (err)
        return err;
    long ret = do_poll(ufds, nfds, deadline);
    restore_user_sigmask(ret);
    return ret;
}

/* ---- select: the same loop over three bitmaps ---- */

#define FDSET_WORDS (NOFILE / 64)

struct fdsets {
    uint64_t in[FDSET_WORDS], out[FDSET_WORDS], ex[FDSET_WORDS];
};

static bool fd_isset(const uint64_t *set, int fd) { return (set[fd / 64] >> (fd % 64)) & 1; }
static void fd_setbit(uint64_t *set, int fd) { set[fd / 64] |= 1UL << (fd % 64); }

/* Read one user fd_set (NULL: empty). Only the first nfds bits matter. */
static int read_fdset(uint64_t uset, int nfds, uint64_t *set)
{
    for (int i = 0; i < FDSET_WORDS; i++)
        set[i] = 0;
    if (!uset)
        return 0;
    size_t bytes = (nfds + 7) / 8;
    return copy_from_user(set, uset, bytes);
}

static int write_fdset(uint64_t uset, int nfds, const uint64_t *set)
{
    return uset ? copy_to_user(uset, set, (nfds + 7) / 8) : 0;
}

/* Returns the number of ready bits, or -EBADF for a set bit on a closed descriptor. */
static int select_scan(const struct fdsets *want, struct fdsets *got, int nfds)
{
    int ready = 0;
    *got = (struct fdsets){ 0 };
    for (int fd = 0; fd < nfds; fd++) {
        bool any = fd_isset(want->in, fd) || fd_isset(want->out, fd) || fd_isset(want->ex, fd);
        if (!any)
            continue;
        int mask = file_poll(fd);
        if (mask & POLLNVAL)
            return -EBADF;
        if (fd_isset(want->in, fd) && (mask & (POLLIN | POLLHUP | POLLERR)))
            fd_setbit(got->in, fd), ready++;
        if (fd_isset(want->out, fd) && (mask & (POLLOUT | POLLERR)))
            fd_setbit(got->out, fd), ready++;
        if (fd_isset(want->ex, fd) && (mask & POLLPRI))
            fd_setbit(got->ex, fd), ready++;
    }
    return ready;
}

static long do_select(int nfds, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t deadline)
{
    if (nfds < 0)
        return -EINVAL;
    nfds = MIN(nfds, NOFILE);
    struct fdsets want, got;
    if (read_fdset(uin, nfds, want.in) < 0 || read_fdset(uout, nfds, want.out) < 0 ||
        read_fdset(uex, nfds, want.ex) < 0)
        return -EFAULT;
    int ready;
    enum wait_result w = WAIT_AGAIN;
    while ((ready = select_scan(&want, &got, nfds)) == 0 && (w = wait_event(deadline)) == WAIT_AGAIN)
        ;
    if (ready < 0)
        return ready;
    if (!ready && w == WAIT_SIGNAL)
        return -ERESTARTNOHAND;     /* the sets are left as they were, as on Linux */
    if (write_fdset(uin, nfds, got.in) < 0 || write_fdset(uout, nfds, got.out) < 0 ||
        write_fdset(uex, nfds, got.ex) < 0)
        return -EFAULT;
    return ready;
}

struct timeval_k {
    int64_t tv_sec, tv_usec;
};

/* select(2) also reports the time left in *timeout, as Linux does. */
long sys_select(int nfds, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t utv)
{
    uint64_t deadline = NO_TIMEOUT;
    if (utv) {
        struct timeval_k tv;
        if (copy_from_user(&tv, utv, sizeof(tv)) < 0)
            return -EFAULT;
        if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
            return -EINVAL;
        deadline = clock_ns() + MIN((uint64_t)tv.tv_sec, 1000000000ULL) * NSEC_PER_SEC +
                   tv.tv_usec * 1000ULL;
    }
    long ret = do_select(nfds, uin, uout, uex, deadline);
    if (utv && (ret >= 0 || ret == -ERESTARTNOHAND)) {
        uint64_t now = clock_ns(), left = deadline > now ? deadline - now : 0;
        struct timeval_k tv = { left / NSEC_PER_SEC, left % NSEC_PER_SEC / 1000 };
        if (copy_to_user(utv, &tv, sizeof(tv)) < 0)
            return -EFAULT;
    }
    return ret;
}

/* pselect6's sixth argument points at { const sigset_t *mask; size_t size }. */
long sys_pselect6(int nfds, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t uts,
                  uint64_t usig)
{
    uint64_t deadline;
    long err = timespec_deadline(uts, &deadline);
    struct { uint64_t mask, size; } sig = { 0, 0 };
    if (!err && usig && copy_from_user(&sig, usig, sizeof(sig)) < 0)
        err = -EFAULT;
    if (!err)
        err = set_user_sigmask(sig.mask, sig.size);
    if (err)
        return err;
    long ret = do_select(nfds, uin, uout, uex, deadline);
    restore_user_sigmask(ret);
    if (uts && (ret >= 0 || ret == -ERESTARTNOHAND)) {
        uint64_t now = clock_ns(), left = deadline > now ? deadline - now : 0;
        struct timespec_k ts = ns_to_timespec(left);
        if (copy_to_user(uts, &ts, sizeof(ts)) < 0)
            return -EFAULT;
    }
    return ret;
}
