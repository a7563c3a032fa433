// tty_ioctls (siglab only: natively the tests run without a terminal): the console's
// termios, window-size and session ioctls (kern/tty.c), as Linux answers them.
// tools/krun runs this program as the console's foreground job, in init's session.
// Checked against Linux on a pty (script -qec "sh -c 'build/user/ktests/tty_ioctls; true'"
// /dev/null): the same lines, but for the size at boot (a new pty is 0x0; ours 24x80).

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t winches;

static void on_winch(int sig)
{
    (void)sig;
    winches++;
}

static const char *result(long r)
{
    static char buf[32];
    if (r >= 0)
        return "0";
    snprintf(buf, sizeof buf, "%s", errno == EFAULT ? "EFAULT" : errno == EPERM ? "EPERM"
             : errno == ENOTTY ? "ENOTTY" : strerror(errno));
    return buf;
}

static void termios_round_trip(int fd)
{
    struct termios saved, t;
    tcgetattr(fd, &saved);
    t = saved;
    t.c_lflag &= ~(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    t.c_cc[VINTR] = 030;            // ^X
    tcsetattr(fd, TCSANOW, &t);
    struct termios back;
    tcgetattr(fd, &back);
    printf("termios: icanon %d echo %d vmin %d vintr %#o\n", !!(back.c_lflag & ICANON),
           !!(back.c_lflag & ECHO), back.c_cc[VMIN], back.c_cc[VINTR]);
    tcsetattr(fd, TCSAFLUSH, &saved);
    tcgetattr(fd, &back);
    // (only what the kernel's struct termios holds: the C library's is larger)
    bool same = back.c_iflag == saved.c_iflag && back.c_oflag == saved.c_oflag &&
                back.c_cflag == saved.c_cflag && back.c_lflag == saved.c_lflag &&
                memcmp(back.c_cc, saved.c_cc, 19) == 0;
    printf("termios restored: %s\n", same ? "yes" : "no");
}

static void window_size(int fd)
{
    struct winsize saved, ws = { .ws_row = 40, .ws_col = 100 }, back;
    signal(SIGWINCH, on_winch);
    ioctl(fd, TIOCGWINSZ, &saved);
    printf("winsize at boot: %dx%d\n", saved.ws_row, saved.ws_col);
    ioctl(fd, TIOCSWINSZ, &ws);
    ioctl(fd, TIOCGWINSZ, &back);
    printf("winsize set: %dx%d, SIGWINCH %d\n", back.ws_row, back.ws_col, winches);
    ioctl(fd, TIOCSWINSZ, &ws);
    printf("same size again: SIGWINCH %d\n", winches);
    ioctl(fd, TIOCSWINSZ, &saved);
    printf("restored: SIGWINCH %d\n", winches);
}

static void bad_pointers(int fd)
{
    printf("TCGETS to a bad pointer: %s\n", result(ioctl(fd, TCGETS, (void *)8)));
    printf("TCSETS from a bad pointer: %s\n", result(ioctl(fd, TCSETS, (void *)8)));
    printf("TIOCSWINSZ from a bad pointer: %s\n", result(ioctl(fd, TIOCSWINSZ, (void *)8)));
    printf("TIOCGSID to a bad pointer: %s\n", result(ioctl(fd, TIOCGSID, (void *)8)));
}

// In a new session the console is no longer "our" terminal: the session ioctls say
// ENOTTY, and TIOCSCTTY takes the console only by force while init's session lives.
static void new_session(int fd)
{
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        pid_t sid;
        printf("new session: TIOCGSID %s", result(ioctl(fd, TIOCGSID, &sid)));
        printf(", TIOCGPGRP %s", result(ioctl(fd, TIOCGPGRP, &sid)));
        printf(", TIOCSCTTY 0: %s", result(ioctl(fd, TIOCSCTTY, 0)));
        printf(", TIOCSCTTY 1: %s\n", result(ioctl(fd, TIOCSCTTY, 1)));
        ioctl(fd, TIOCGSID, &sid);
        pid_t pgrp = tcgetpgrp(fd);
        printf("after TIOCSCTTY: session is ours %d, foreground group is ours %d\n",
               sid == getpid(), pgrp == getpid());
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int fd = open("/dev/tty", O_RDWR);
    if (fd < 0) {
        perror("open /dev/tty");
        return 1;
    }
    pid_t sid = -1;
    ioctl(fd, TIOCGSID, &sid);
    printf("TIOCGSID is getsid(0): %d\n", sid == getsid(0));
    printf("TIOCSCTTY, not a session leader: %s\n", result(ioctl(fd, TIOCSCTTY, 0)));
    termios_round_trip(fd);
    window_size(fd);
    bad_pointers(fd);
    new_session(fd);
    return 0;
}
