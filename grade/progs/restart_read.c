// restart_read (lab 5): read() on an empty pipe sleeps; a signal with a handler
// interrupts it (-ERESTARTSYS inside the kernel). With SA_RESTART the read starts
// over once the handler has returned and gets the data that comes later; without,
// it fails with EINTR.
//
// usage: restart_read SIG1 SIG2 NONCE

#include "grade.h"

static volatile int handled;

static void handler(int sig)
{
    (void)sig;
    handled++;
}

// A child that sends sig to us after 30 ms, and text down the pipe 30 ms later.
static pid_t interrupt_then_write(int sig, int fd, long text)
{
    pid_t parent = getpid(), c = fork();
    if (c == 0) {
        char buf[32];
        sleep_ms(30);
        kill(parent, sig);
        sleep_ms(30);
        int n = snprintf(buf, sizeof buf, "%ld", text);
        write(fd, buf, n);
        _exit(0);
    }
    return c;
}

int main(int argc, char **argv)
{
    grade_start();
    int sig1 = arg(argc, argv, 1), sig2 = arg(argc, argv, 2);
    long nonce = arg(argc, argv, 3);
    int p[2];
    char buf[32];
    pipe(p);

    on(sig1, handler, SA_RESTART, 0);
    pid_t c = interrupt_then_write(sig1, p[1], nonce);
    memset(buf, 0, sizeof buf);
    errno = 0;
    long r = read(p[0], buf, sizeof buf - 1);
    printf("SA_RESTART: read = %s, data %s; handler ran %d time(s)\n", result(r), r > 0 ? buf : "none",
           handled);
    reap(c, 0);

    handled = 0;
    on(sig2, handler, 0, 0);
    c = interrupt_then_write(sig2, p[1], nonce + 1);
    memset(buf, 0, sizeof buf);
    errno = 0;
    r = read(p[0], buf, sizeof buf - 1);
    printf("no SA_RESTART: read = %s; handler ran %d time(s)\n", result(r), handled);
    if (r < 0) {
        r = read(p[0], buf, sizeof buf - 1);
        printf("read again: %s, data %s\n", result(r), r > 0 ? buf : "none");
    }
    reap(c, 0);
    return 0;
}
