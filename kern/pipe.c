/*
 * Pipes: a 64 KiB ring buffer (Linux's default pipe capacity) made of 16 pages,
 * with a count of open read and write ends.
 *
 *   read:  sleeps while empty and a writer exists; returns 0 (EOF) when none does.
 *   write: sleeps while full; with no reader left it raises SIGPIPE and fails with
 *          EPIPE. Writes of at most PIPE_BUF bytes are never interleaved with other
 *          writers' data: they wait until all of it fits.
 *   A signal interrupts either with -ERESTARTSYS, unless some bytes already moved.
 *   An end with O_ASYNC signals its owner: the read end when a write has put bytes
 *   in, the write end when a read has made room (Linux pipe_write, pipe_read).
 */
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/pmm.h"
#include "kern/uaccess.h"
#include "kern/errno.h"
#include "kern/mmu.h"
#include "kern/sigio.h"
#include "kern/syscall.h"

#define PIPE_PAGES  16
#define PIPE_SIZE   (PIPE_PAGES * PAGE_SIZE)
#define PIPE_BUF    4096

struct pipe {
    uint8_t *page[PIPE_PAGES];
    uint64_t nread;         /* total bytes ever read; the ring index is nread % PIPE_SIZE */
    uint64_t nwrite;        /* total bytes ever written */
    int readers, writers;   /* open ends */
    struct file *rfile, *wfile; /* the two ends, for SIGIO (kern/sigio.c); 0 once closed */
};

static uint8_t *pipe_byte(struct pipe *pp, uint64_t pos)
{
    pos %= PIPE_SIZE;
    return pp->page[pos / PAGE_SIZE] + pos % PAGE_SIZE;
}

/* The contiguous run of bytes starting at pos, capped at n (one page at most). */
static size_t pipe_run(uint64_t pos, size_t n)
{
    return MIN(n, PAGE_SIZE - pos % PAGE_SIZE);
}

static void pipe_free(struct pipe *pp);

static ssize_t pipe_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct pipe *pp = f->priv;
    while (pp->nread == pp->nwrite) {
        if (pp->writers == 0)
            return 0;
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        if (sleep_on(&pp->nread, 0) == WAKE_SIGNAL)
            return -ERESTARTSYS;
    }
    size_t done = 0;
    while (done < n && pp->nread != pp->nwrite) {
        size_t len = pipe_run(pp->nread, MIN(n - done, pp->nwrite - pp->nread));
        if (copy_to_user(ubuf + done, pipe_byte(pp, pp->nread), len) < 0) {
            if (done == 0)
                return -EFAULT;
            break;
        }
        pp->nread += len;
        done += len;
    }
    wakeup(&pp->nwrite);
    poll_notify();
    kill_fasync(pp->wfile, POLL_OUT);
    return done;
}

static ssize_t pipe_write(struct file *f, uint64_t ubuf, size_t n)
{
    struct pipe *pp = f->priv;
    size_t done = 0;
    if (n == 0)
        return 0;           /* nothing moves, so nobody is told (no SIGIO) */
    while (done < n) {
        if (pp->readers == 0) {
            /* Like Linux's send_sig(SIGPIPE, current, 0): si_code SI_USER, from ourselves. */
            send_sig(SIGPIPE, current(), current());
            return done ? (ssize_t)done : -EPIPE;
        }
        size_t space = PIPE_SIZE - (pp->nwrite - pp->nread);
        /* Small writes go in whole or not at all (POSIX PIPE_BUF atomicity). */
        bool must_wait = space == 0 || (n <= PIPE_BUF && space < n);
        if (must_wait) {
            if (done)
                kill_fasync(pp->rfile, POLL_IN);
            if (f->flags & O_NONBLOCK)
                return done ? (ssize_t)done : -EAGAIN;
            if (sleep_on(&pp->nwrite, 0) == WAKE_SIGNAL)
                return done ? (ssize_t)done : -ERESTARTSYS;
            continue;
        }
        size_t len = pipe_run(pp->nwrite, MIN(n - done, space));
        if (copy_from_user(pipe_byte(pp, pp->nwrite), ubuf + done, len) < 0)
            return done ? (ssize_t)done : -EFAULT;
        pp->nwrite += len;
        done += len;
        wakeup(&pp->nread);
        poll_notify();
    }
    kill_fasync(pp->rfile, POLL_IN);
    return done;
}

static int pipe_poll(struct file *f)
{
    struct pipe *pp = f->priv;
    int mask = 0;
    if (file_readable(f)) {
        if (pp->nread != pp->nwrite)
            mask |= POLLIN;
        if (pp->writers == 0)
            mask |= POLLHUP;
    }
    if (file_writable(f)) {
        if (pp->readers == 0)
            mask |= POLLERR;
        else if (PIPE_SIZE - (pp->nwrite - pp->nread) >= PIPE_BUF)
            mask |= POLLOUT;
    }
    return mask;
}

static void pipe_release(struct file *f)
{
    struct pipe *pp = f->priv;
    if (file_readable(f)) {
        pp->readers--;
        pp->rfile = 0;
    } else {
        pp->writers--;
        pp->wfile = 0;
    }
    wakeup(&pp->nread);
    wakeup(&pp->nwrite);
    poll_notify();
    if (pp->readers == 0 && pp->writers == 0)
        pipe_free(pp);
}

/* Nothing to set up: the pipe already knows its two ends. */
static void pipe_fasync(struct file *f)
{
    (void)f;
}

static const struct file_ops pipe_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .poll = pipe_poll,
    .release = pipe_release,
    .fasync = pipe_fasync,
};

static void pipe_free(struct pipe *pp)
{
    for (int i = 0; i < PIPE_PAGES; i++)
        if (pp->page[i])
            page_free(pp->page[i]);
    page_free(pp);
}

static struct pipe *pipe_alloc(void)
{
    struct pipe *pp = page_alloc();
    if (!pp)
        return 0;
    for (int i = 0; i < PIPE_PAGES; i++) {
        pp->page[i] = page_alloc();
        if (!pp->page[i]) {
            pipe_free(pp);
            return 0;
        }
    }
    return pp;
}

/* One end of the pipe as an open file; counts itself as a reader or writer. */
static struct file *pipe_end(struct pipe *pp, int accmode, int flags)
{
    struct file *f = file_alloc(&pipe_ops, accmode | (flags & O_NONBLOCK), S_IFIFO, pp);
    if (f && accmode == O_RDONLY) {
        pp->readers++;
        pp->rfile = f;
    } else if (f) {
        pp->writers++;
        pp->wfile = f;
    }
    return f;
}

long sys_pipe2(uint64_t ufds, int flags)
{
    if (flags & ~(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    struct pipe *pp = pipe_alloc();
    if (!pp)
        return -ENFILE;
    struct file *rf = pipe_end(pp, O_RDONLY, flags);
    if (!rf) {
        pipe_free(pp);
        return -ENFILE;
    }
    struct file *wf = pipe_end(pp, O_WRONLY, flags);
    if (!wf) {
        file_close(rf);     /* last end closed: frees the pipe */
        return -ENFILE;
    }
    struct proc *p = current();
    int fds[2];
    long err = 0;
    fds[0] = fd_install(rf, flags & O_CLOEXEC);
    fds[1] = fds[0] < 0 ? -EMFILE : fd_install(wf, flags & O_CLOEXEC);
    if (fds[1] < 0)
        err = -EMFILE;
    else if (copy_to_user(ufds, fds, sizeof(fds)) < 0)
        err = -EFAULT;
    if (err) {
        for (int i = 0; i < 2; i++)
            if (fds[i] >= 0)
                p->ofile[fds[i]] = 0;
        file_close(rf);
        file_close(wf);
    }
    return err;
}

long sys_pipe(uint64_t ufds)
{
    return sys_pipe2(ufds, 0);
}
