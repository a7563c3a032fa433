/*
 * signalfd: pending signals read as data (Linux fs/signalfd.c; TLPI 22.11).
 *
 * signalfd4(-1, &mask, ...) makes a file; read() on it takes pending signals that
 * are in mask out of the *reader's* pending set, lowest number first (faults before
 * all), through the same dequeue_signal a handler's delivery uses, and hands each
 * one back as a 128-byte struct signalfd_siginfo. The program blocks those signals
 * first, or they would be delivered the usual way before it gets to read them.
 *
 * The file holds nothing but the mask: which process's signals it reads is decided
 * at read time, so after fork the child reads its own, and the fd survives exec.
 * Since a blocked signal does not wake a sleeping process, send_signal calls
 * signalfd_notify, which wakes readers and pollers so they can look again.
 */
#include "kern/signal/signal.h"
#include "kern/signal/trace.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/syscall.h"
#include "kern/uaccess.h"
#include "kern/memlayout.h"
#include "kern/errno.h"
#include "kern/string.h"

/* signalfd4's flags are open's (include/uapi/linux/signalfd.h). */
#define SFD_CLOEXEC     O_CLOEXEC
#define SFD_NONBLOCK    O_NONBLOCK

/* What read() returns per signal: Linux's layout, 128 bytes. */
struct signalfd_siginfo {
    uint32_t ssi_signo;
    int32_t ssi_errno;
    int32_t ssi_code;
    uint32_t ssi_pid;
    uint32_t ssi_uid;
    int32_t ssi_fd;
    uint32_t ssi_tid;
    uint32_t ssi_band;
    uint32_t ssi_overrun;
    uint32_t ssi_trapno;
    int32_t ssi_status;
    int32_t ssi_int;
    uint64_t ssi_ptr;
    uint64_t ssi_utime;
    uint64_t ssi_stime;
    uint64_t ssi_addr;
    uint16_t ssi_addr_lsb;
    uint16_t pad2;
    int32_t ssi_syscall;
    uint64_t ssi_call_addr;
    uint32_t ssi_arch;
    uint8_t pad[28];
};
_Static_assert(sizeof(struct signalfd_siginfo) == 128, "struct signalfd_siginfo is 128 bytes");

/* One per signalfd file: the signals it reads. */
struct signalfd_ctx {
    bool used;
    sigset_t sigmask;
};

#define NSIGNALFD 64
static struct signalfd_ctx signalfd_ctxs[NSIGNALFD];

/* ---- which siginfo fields mean something (Linux siginfo_layout) ---- */

enum siginfo_layout { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS };

#define SI_SIGIO    -5
#define NSIGPOLL    6

/* A positive si_code is the kernel's, and its meaning depends on the signal: up to
   each signal's highest defined code (Linux's filter[] table). */
static enum siginfo_layout kernel_code_layout(int sig, int code)
{
    static const struct { int limit; enum siginfo_layout layout; } known[] = {
        [SIGILL] = { 11, SIL_FAULT }, [SIGFPE] = { 15, SIL_FAULT },
        [SIGSEGV] = { 10, SIL_FAULT }, [SIGBUS] = { 5, SIL_FAULT },
        [SIGTRAP] = { 6, SIL_FAULT }, [SIGCHLD] = { 6, SIL_CHLD },
        [SIGIO] = { 6, SIL_POLL }, [SIGSYS] = { 2, SIL_SYS },
    };
    if (sig < (int)(sizeof(known) / sizeof(known[0])) && known[sig].limit &&
        code <= known[sig].limit)
        return known[sig].layout;
    return code <= NSIGPOLL ? SIL_POLL : SIL_KILL;
}

static enum siginfo_layout siginfo_layout(int sig, int code)
{
    if (code > SI_USER && code < SI_KERNEL)
        return kernel_code_layout(sig, code);
    if (code == SI_TIMER)
        return SIL_TIMER;
    if (code == SI_SIGIO)
        return SIL_POLL;
    return code < 0 ? SIL_RT : SIL_KILL;
}

/* A field of the siginfo's union by its offset in siginfo_t (the union starts at 16). */
static uint64_t si_field(const struct ksiginfo *info, size_t off, size_t size)
{
    uint64_t v = 0;
    memcpy(&v, info->bytes + off - 16, size);
    return v;
}

/* Copy the fields that mean something for this kind of signal; the rest stay 0
   (Linux signalfd_copyinfo). */
static void signalfd_fill(struct signalfd_siginfo *ssi, const struct ksiginfo *info)
{
    memset(ssi, 0, sizeof(*ssi));
    ssi->ssi_signo = info->si_signo;
    ssi->ssi_errno = info->si_errno;
    ssi->ssi_code = info->si_code;
    switch (siginfo_layout(info->si_signo, info->si_code)) {
    case SIL_KILL:
        ssi->ssi_pid = info->kill.pid;
        ssi->ssi_uid = info->kill.uid;
        break;
    case SIL_RT:
        ssi->ssi_pid = info->kill.pid;
        ssi->ssi_uid = info->kill.uid;
        ssi->ssi_ptr = info->kill.value;
        ssi->ssi_int = (int32_t)info->kill.value;
        break;
    case SIL_TIMER:
        ssi->ssi_tid = info->timer.tid;
        ssi->ssi_overrun = info->timer.overrun;
        ssi->ssi_ptr = info->timer.value;
        ssi->ssi_int = (int32_t)info->timer.value;
        break;
    case SIL_CHLD:
        ssi->ssi_pid = info->chld.pid;
        ssi->ssi_uid = info->chld.uid;
        ssi->ssi_status = info->chld.status;
        ssi->ssi_utime = info->chld.utime;
        ssi->ssi_stime = info->chld.stime;
        break;
    case SIL_FAULT:
        ssi->ssi_addr = info->fault.addr;
        break;
    case SIL_POLL:      /* si_band (long) at 16, si_fd at 24 */
        ssi->ssi_band = (uint32_t)si_field(info, 16, 8);
        ssi->ssi_fd = (int32_t)si_field(info, 24, 4);
        break;
    case SIL_SYS:       /* si_call_addr at 16, si_syscall at 24, si_arch at 28 */
        ssi->ssi_call_addr = si_field(info, 16, 8);
        ssi->ssi_syscall = (int32_t)si_field(info, 24, 4);
        ssi->ssi_arch = (uint32_t)si_field(info, 28, 4);
        break;
    }
}

/* ---- the file ---- */

static const struct file_ops signalfd_ops;

/* Take one signal of ctx's mask from the caller's pending set, sleeping for one
   unless nonblock. An unblocked signal ends the sleep: -ERESTARTSYS, so the restart
   table decides between EINTR and reading again (Linux signalfd_dequeue). */
static int signalfd_dequeue(const struct signalfd_ctx *ctx, struct ksiginfo *info,
                            bool nonblock)
{
    struct proc *p = current();
    for (;;) {
        /* The mask is read afresh each time: signalfd4 may change it while we sleep. */
        int sig = dequeue_signal(p, ~ctx->sigmask, info);
        if (sig) {
            sigtrace_signalfd(sig, info, p);
            return sig;
        }
        if (nonblock)
            return -EAGAIN;
        if (signal_pending(p))
            return -ERESTARTSYS;
        sleep_on(&poll_wait_chan, 0);   /* signalfd_notify wakes us */
    }
}

/* As many whole records as fit in n bytes; once one is read the rest are taken only
   if already pending. A record that cannot be written is lost, as on Linux. */
static ssize_t signalfd_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct signalfd_ctx *ctx = f->priv;
    size_t count = n / sizeof(struct signalfd_siginfo);
    if (count == 0)
        return -EINVAL;
    if (ubuf >= USER_TOP || n > USER_TOP - ubuf)    /* Linux access_ok */
        return -EFAULT;
    bool nonblock = f->flags & O_NONBLOCK;
    ssize_t total = 0;
    for (; count > 0; count--) {
        struct ksiginfo info;
        int sig = signalfd_dequeue(ctx, &info, nonblock);
        if (sig < 0)
            return total ? total : sig;
        struct signalfd_siginfo ssi;
        signalfd_fill(&ssi, &info);
        if (copy_to_user(ubuf + total, &ssi, sizeof(ssi)) < 0)
            return total ? total : -EFAULT;
        total += sizeof(ssi);
        nonblock = true;
    }
    return total;
}

/* Readable when the poller (not whoever made the fd) has one of the signals pending. */
static int signalfd_poll(struct file *f)
{
    struct signalfd_ctx *ctx = f->priv;
    return (all_pending(&current()->sig) & ctx->sigmask) ? POLLIN : 0;
}

static void signalfd_release(struct file *f)
{
    struct signalfd_ctx *ctx = f->priv;
    ctx->used = false;
}

static const struct file_ops signalfd_ops = {
    .read = signalfd_read,
    .min_read = sizeof(struct signalfd_siginfo),
    .poll = signalfd_poll,
    .release = signalfd_release,
};

/* A signal was just made pending for p: readers and pollers of signalfds look again
   (Linux wakes sighand->signalfd_wqh). */
void signalfd_notify(struct proc *p)
{
    (void)p;
    poll_notify();
}

static long signalfd_create(sigset_t mask, int flags)
{
    struct signalfd_ctx *ctx = 0;
    for (int i = 0; i < NSIGNALFD && !ctx; i++)
        if (!signalfd_ctxs[i].used)
            ctx = &signalfd_ctxs[i];
    if (!ctx)
        return -ENFILE;
    /* An anonymous inode: mode 0600 and no file type, as fstat shows on Linux. */
    struct file *f = file_alloc(&signalfd_ops, O_RDWR | (flags & O_NONBLOCK), 0600, ctx);
    if (!f)
        return -ENFILE;
    *ctx = (struct signalfd_ctx){ .used = true, .sigmask = mask };
    int fd = fd_install(f, flags & SFD_CLOEXEC);
    if (fd < 0)
        file_close(f);
    return fd;
}

/* signalfd4(2): a new signalfd (ufd -1), or a new mask for an existing one. SIGKILL
   and SIGSTOP are quietly left out: they are never read, only acted on. */
long sys_signalfd4(int ufd, uint64_t umask, size_t sizemask, int flags)
{
    sigset_t mask;
    if (sizemask != sizeof(sigset_t))
        return -EINVAL;
    if (copy_from_user(&mask, umask, sizeof(mask)) < 0)
        return -EFAULT;
    if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
        return -EINVAL;
    mask &= ~UNBLOCKABLE;
    if (ufd == -1)
        return signalfd_create(mask, flags);
    struct file *f = fd_get(ufd);
    if (!f)
        return -EBADF;
    if (f->ops != &signalfd_ops)
        return -EINVAL;
    struct signalfd_ctx *ctx = f->priv;
    ctx->sigmask = mask;
    signalfd_notify(current());     /* a sleeping reader may now have something */
    return ufd;
}

/* signalfd(2): the older call, without flags. */
long sys_signalfd(int ufd, uint64_t umask, size_t sizemask)
{
    return sys_signalfd4(ufd, umask, sizemask, 0);
}
