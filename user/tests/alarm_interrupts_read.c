// alarm_interrupts_read: a SIGALRM handler without SA_RESTART makes a blocked read fail with EINTR
// lab: 5
//
// The classic timeout idiom. A SIGALRM handler installed without SA_RESTART, an
// alarm, and a read() that would block forever: when the timer expires the
// handler runs and the read fails with EINTR. With SA_RESTART the same read
// would just be restarted, so the idiom needs the flag off; here an interval
// timer is then used to show the restarted read still waiting after three
// expiries, until data comes.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static volatile sig_atomic_t alarms;
static int data_fd = -1;

static void on_alarm(int sig)
{
    (void)sig;
    // The third expiry in the SA_RESTART round supplies the data itself.
    if (++alarms == 3 && data_fd >= 0)
        write(data_fd, "t", 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_handler = on_alarm };
    sigset_t empty;
    int p[2];
    char c = 0;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    pipe(p);

    sigaction(SIGALRM, &sa, NULL);
    struct itimerval once = { { 0, 0 }, { 0, 100000 } };
    setitimer(ITIMER_REAL, &once, NULL);
    errno = 0;
    long r = read(p[0], &c, 1);
    check("without SA_RESTART: read fails with EINTR", r == -1 ? errno : 0, EINTR);
    check("one SIGALRM", alarms, 1);

    alarms = 0;
    data_fd = p[1];
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval every = { { 0, 50000 }, { 0, 50000 } };
    setitimer(ITIMER_REAL, &every, NULL);
    r = read(p[0], &c, 1);
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    check("with SA_RESTART: read restarted until the data came", r == 1 && c == 't', 1);
    check("after three SIGALRMs", alarms, 3);
    return failures != 0;
}
