/*
 * The console terminal: COM1 plus a small line discipline (POSIX "canonical mode").
 *
 * Input arrives one byte at a time from the UART interrupt. In canonical mode bytes
 * collect in an edit line (echoed, with backspace and ^U), and become readable only
 * when the line ends with Enter or ^D. The buffer is one ring with three positions,
 * as in xv6's console: r (next to read) <= w (end of committed input) <= e (end of the
 * line being edited).
 *
 * Output: with OPOST|ONLCR (the default) '\n' goes out as "\r\n", so a raw-mode host
 * terminal shows proper lines; init turns OPOST off for tools/krun so bytes pass
 * through unchanged.
 *
 * Job control: the console is the controlling terminal of session 1 (init's, which
 * every process inherits unless it calls setsid). One process group is in the
 * foreground: it gets the signals typed at the keyboard (^C SIGINT, ^\ SIGQUIT,
 * ^Z SIGTSTP) and may read; a background group that reads gets SIGTTIN.
 */
#include "kern/tty.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/serial.h"
#include "kern/uaccess.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/signal/signal.h"
#include "kern/sigio.h"

#define TTY_BUF 1024
#define CTRL(c) ((c) - '@')

struct winsize {
    uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

static struct tty {
    struct termios termios;
    struct winsize winsize;
    char buf[TTY_BUF];
    uint32_t r, w, e;
    int session;            /* the session this is the controlling terminal of */
    int pgrp;               /* the foreground process group */
} tty;

void tty_init(void)
{
    tty.termios = (struct termios){
        .c_iflag = ICRNL | IXON,
        .c_oflag = OPOST | ONLCR,
        .c_cflag = 0000277,     /* B38400 | CS8 | CREAD | HUPCL, as Linux reports */
        .c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
        .c_cc = {
            [VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = 0x7f, [VKILL] = CTRL('U'),
            [VEOF] = CTRL('D'), [VTIME] = 0, [VMIN] = 1, [VSUSP] = CTRL('Z'),
        },
    };
    tty.winsize = (struct winsize){ .ws_row = 24, .ws_col = 80 };
    tty.session = 1;
    tty.pgrp = 1;
}

static void tty_putc(char c)
{
    if ((tty.termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR) && c == '\n')
        serial_putc(COM1, '\r');
    serial_putc(COM1, c);
}

static void echo(char c)
{
    if (!(tty.termios.c_lflag & ECHO))
        return;
    bool ctl = (unsigned char)c < ' ' && c != '\n' && c != '\t';
    if (ctl && (tty.termios.c_lflag & ECHOCTL)) {
        tty_putc('^');
        tty_putc(c + '@');
    } else {
        tty_putc(c);
    }
}

static void erase_one(void)
{
    if (tty.e == tty.w)
        return;
    tty.e--;
    if (tty.termios.c_lflag & ECHO) {
        tty_putc('\b');
        tty_putc(' ');
        tty_putc('\b');
    }
}

static const struct file_ops tty_ops;

/* Make everything typed so far readable, and tell readers. */
static void commit(void)
{
    tty.w = tty.e;
    wakeup(&tty.r);
    poll_notify();
}

/* Input arrived: commit it and tell those who asked for SIGIO too (Linux n_tty: on
   each line in canonical mode, each character in raw mode). */
static void commit_input(void)
{
    commit();
    kill_fasync_ops(&tty_ops, POLL_IN);
}

/* ^C, ^\ or ^Z: signal the foreground group and throw away unread input. */
static bool isig(char c)
{
    struct termios *t = &tty.termios;
    int sig = c == t->c_cc[VINTR] ? SIGINT : c == t->c_cc[VQUIT] ? SIGQUIT
            : c == t->c_cc[VSUSP] ? SIGTSTP : 0;
    if (!(t->c_lflag & ISIG) || !sig || !c)
        return false;
    tty.r = tty.w = tty.e;
    echo(c);
    kill_pgrp(tty.pgrp, sig, 0);
    return true;
}

void tty_input(char c)
{
    struct termios *t = &tty.termios;
    if (c == '\r' && (t->c_iflag & ICRNL))
        c = '\n';
    if (isig(c))
        return;
    if (!(t->c_lflag & ICANON)) {
        if (tty.e - tty.r < TTY_BUF) {
            tty.buf[tty.e++ % TTY_BUF] = c;
            echo(c);
        }
        commit_input();
        return;
    }
    if (c == t->c_cc[VERASE] || c == '\b') {
        erase_one();
    } else if (c == t->c_cc[VKILL]) {
        while (tty.e != tty.w)
            erase_one();
    } else if (tty.e - tty.r < TTY_BUF - 1 || c == '\n' || c == t->c_cc[VEOF]) {
        if (tty.e - tty.r >= TTY_BUF)
            return;     /* full: drop */
        tty.buf[tty.e++ % TTY_BUF] = c;
        if (c != t->c_cc[VEOF])
            echo(c);
        if (c == '\n' || c == t->c_cc[VEOF])
            commit_input();
    }
}

/* Is the caller a background process of this terminal's session? */
static bool in_background(void)
{
    struct proc *p = current();
    return p->sid == tty.session && p->pgid != tty.pgrp;
}

/*
 * A background process touched the terminal in a way only the foreground may: stop
 * its group with sig (SIGTTIN for reads, SIGTTOU for changing settings), unless it
 * ignores or blocks that signal (then it may go ahead: 0; for reads, -EIO) or its group
 * is orphaned (nobody could continue it: -EIO). Linux tty_check_change / job_control.
 */
static long tty_job_control(int sig, bool may_proceed_if_ignored)
{
    struct proc *p = current();
    if (!in_background())
        return 0;
    bool ignored = sigismember(p->sig.blocked, sig) || p->sig.action[sig - 1].handler == SIG_IGN;
    if (ignored)
        return may_proceed_if_ignored ? 0 : -EIO;
    if (is_orphaned_pgrp(p->pgid))
        return -EIO;
    kill_pgrp(p->pgid, sig, 0);
    return -ERESTARTSYS;
}

static ssize_t tty_read(struct file *f, uint64_t ubuf, size_t n)
{
    long err = tty_job_control(SIGTTIN, false);
    if (err)
        return err;
    while (tty.r == tty.w) {
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        if (sleep_on(&tty.r, 0) == WAKE_SIGNAL)
            return -ERESTARTSYS;
    }
    char kbuf[TTY_BUF];
    size_t got = 0;
    bool canon = tty.termios.c_lflag & ICANON;
    while (got < n && tty.r != tty.w) {
        char c = tty.buf[tty.r % TTY_BUF];
        if (canon && c == tty.termios.c_cc[VEOF]) {
            /* ^D ends the read; on its own it reads as end of file. */
            if (got == 0)
                tty.r++;
            break;
        }
        tty.r++;
        kbuf[got++] = c;
        if (canon && c == '\n')
            break;
    }
    if (copy_to_user(ubuf, kbuf, got) < 0)
        return -EFAULT;
    return got;
}

static ssize_t tty_write(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    char kbuf[256];
    for (size_t done = 0; done < n;) {
        size_t len = MIN(n - done, sizeof(kbuf));
        if (copy_from_user(kbuf, ubuf + done, len) < 0)
            return done ? (ssize_t)done : -EFAULT;
        for (size_t i = 0; i < len; i++)
            tty_putc(kbuf[i]);
        done += len;
    }
    return n;
}

static int tty_poll(struct file *f)
{
    (void)f;
    return (tty.r != tty.w ? POLLIN : 0) | POLLOUT;
}

/* tcsetpgrp: the new foreground group must exist in the terminal's session. */
static long set_foreground(uint64_t arg)
{
    int pgrp;
    if (copy_from_user(&pgrp, arg, sizeof(pgrp)) < 0)
        return -EFAULT;
    if (current()->sid != tty.session)
        return -ENOTTY;
    long err = tty_job_control(SIGTTOU, true);
    if (err)
        return err;
    if (pgrp < 0)
        return -EINVAL;
    bool exists = false, same_session = false;
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        if (p->state == UNUSED || p->pgid != pgrp)
            continue;
        exists = true;
        same_session |= p->sid == tty.session;
    }
    if (!exists)
        return -ESRCH;
    if (!same_session)
        return -EPERM;
    tty.pgrp = pgrp;
    return 0;
}

/*
 * TCSETS*: new settings. Leaving canonical mode makes what was typed ahead (a line not
 * yet ended) readable at once, as Linux's n_tty_set_termios does: a program that
 * switches to raw mode must not wait for an Enter the user typed before it switched.
 */
static long set_termios(uint64_t arg)
{
    struct termios t;
    if (copy_from_user(&t, arg, sizeof(t)) < 0)
        return -EFAULT;
    tty.termios = t;
    if (!(t.c_lflag & ICANON))
        commit();
    return 0;
}

static bool session_alive(int sid)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state != UNUSED && p->state != ZOMBIE && p->sid == sid)
            return true;
    return false;
}

/*
 * TIOCSCTTY: a session leader makes this its controlling terminal. The console is
 * already some session's (init's at boot); as on Linux, the leader may take it only
 * if that session is gone, or by force (arg 1), which needs root: everyone is here.
 */
static long set_controlling_tty(uint64_t arg)
{
    struct proc *p = current();
    if (p->pid != p->sid)
        return -EPERM;
    if (p->sid == tty.session)
        return 0;
    if (session_alive(tty.session) && arg != 1)
        return -EPERM;
    tty.session = p->sid;
    tty.pgrp = p->pgid;
    return 0;
}

/* TIOCSWINSZ: a new size is news for the foreground group (SIGWINCH), as on Linux. */
static long set_window_size(uint64_t arg)
{
    struct winsize ws;
    if (copy_from_user(&ws, arg, sizeof(ws)) < 0)
        return -EFAULT;
    bool changed = memcmp(&ws, &tty.winsize, sizeof(ws)) != 0;
    tty.winsize = ws;
    if (changed)
        kill_pgrp(tty.pgrp, SIGWINCH, 0);
    return 0;
}

static long tty_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
    (void)f;
    long err;
    switch (cmd) {
    case TCGETS:
        return copy_to_user(arg, &tty.termios, sizeof(tty.termios));
    case TCSETSF:
    case TCSETS:
    case TCSETSW:
        if ((err = tty_job_control(SIGTTOU, true)))
            return err;
        if (cmd == TCSETSF)
            tty.r = tty.w = tty.e;  /* discard pending input */
        return set_termios(arg);
    case TIOCGPGRP:
        if (current()->sid != tty.session)
            return -ENOTTY;
        return copy_to_user(arg, &tty.pgrp, sizeof(tty.pgrp));
    case TIOCSPGRP:
        return set_foreground(arg);
    case TIOCGWINSZ:
        return copy_to_user(arg, &tty.winsize, sizeof(tty.winsize));
    case TIOCSWINSZ:
        return set_window_size(arg);
    case TIOCGSID:
        if (current()->sid != tty.session)
            return -ENOTTY;
        return copy_to_user(arg, &tty.session, sizeof(tty.session));
    case TIOCSCTTY:
        return set_controlling_tty(arg);
    case FIONREAD: {
        int n = tty.w - tty.r;
        return copy_to_user(arg, &n, sizeof(n));
    }
    default:
        return -ENOTTY;
    }
}

/* O_ASYNC on a terminal without an owner: the foreground group gets the SIGIO
   (Linux __tty_fasync). Output never waits here, so there is no POLL_OUT. */
static void tty_fasync(struct file *f)
{
    f_setown_default(f, tty.pgrp);
}

static const struct file_ops tty_ops = {
    .read = tty_read,
    .write = tty_write,
    .poll = tty_poll,
    .ioctl = tty_ioctl,
    .fasync = tty_fasync,
};

struct file *tty_open(int flags)
{
    return file_alloc(&tty_ops, flags, S_IFCHR, &tty);
}

/* pid 1 starts with the console as stdin, stdout and stderr. */
int console_open_stdio(struct proc *p)
{
    struct file *f = tty_open(O_RDWR);
    if (!f)
        return -ENFILE;
    p->ofile[0] = f;
    p->ofile[1] = file_dup(f);
    p->ofile[2] = file_dup(f);
    return 0;
}
