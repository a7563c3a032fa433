// restart_kinds (lab 5): the restart codes differ in what SA_RESTART can do
// (restart.c's table). With an SA_RESTART handler:
//   waitpid (-ERESTARTSYS) restarts, and reaps the child after all;
//   pause and sigsuspend (-ERESTARTNOHAND) fail with EINTR regardless;
//   poll with a timeout (-ERESTART_RESTARTBLOCK) fails with EINTR.
// And with no handler (stopped and continued), poll is restarted through
// restart_syscall and times out when it was due.
//
// usage: restart_kinds SIG STATUS MS

#include "grade.h"
#include <poll.h>

static volatile int handled;

static void handler(int sig)
{
    (void)sig;
    handled++;
}

static pid_t send_later(int sig, long ms, int status)
{
    pid_t parent = getpid(), c = fork();
    if (c == 0) {
        sleep_ms(ms);
        kill(parent, sig);
        sleep_ms(30);
        _exit(status);
    }
    return c;
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1), status = arg(argc, argv, 2), ms = arg(argc, argv, 3);

    on(sig, handler, SA_RESTART, 0);
    pid_t c = send_later(sig, 30, status);
    int st = 0;
    errno = 0;
    long r = waitpid(c, &st, 0);
    printf("waitpid, SA_RESTART handler: %s, child %s; handler ran %d time(s)\n",
           r == c ? "the child" : result(r), r == c ? status_str(st) : "not reaped", handled);
    if (r != c)
        reap(c, 0);

    c = send_later(sig, 30, 0);
    errno = 0;
    r = pause();
    printf("pause, SA_RESTART handler: %s\n", result(r));
    reap(c, 0);

    c = send_later(sig, 30, 0);
    sigset_t none;
    sigemptyset(&none);
    errno = 0;
    r = sigsuspend(&none);
    printf("sigsuspend, SA_RESTART handler: %s\n", result(r));
    reap(c, 0);

    c = send_later(sig, 30, 0);
    errno = 0;
    r = poll(NULL, 0, ms);
    printf("poll(%d ms), SA_RESTART handler: %s\n", ms, result(r));
    reap(c, 0);

    c = send_later(SIGSTOP, 30, 0);
    long t0 = now_ms();
    pid_t parent = getpid();
    pid_t cont = fork();
    if (cont == 0) {
        sleep_ms(80);
        kill(parent, SIGCONT);
        _exit(0);
    }
    errno = 0;
    r = poll(NULL, 0, ms);
    long took = now_ms() - t0;
    printf("poll(%d ms), stopped and continued: %s, ended when due: %s\n", ms, result(r),
           took >= ms && took < ms + 60 ? "yes" : "no");
    reap(c, 0);
    reap(cont, 0);
    return 0;
}
