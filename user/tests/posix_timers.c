// posix_timers: timer_create/settime/gettime/getoverrun/delete, and their signals
// lab: 3
//
// A POSIX timer sends its signal (SIGEV_SIGNAL) with si_code SI_TIMER, the timer's
// id in si_timerid and the sigev_value; with a NULL sigevent it sends SIGALRM with
// si_value = the id. A timer has at most one signal pending: expirations while it
// is pending count as overruns (si_overrun, timer_getoverrun). TIMER_ABSTIME takes
// a deadline; SIGEV_NONE only runs down. Deleting a timer drops its pending signal;
// timers are not inherited by fork. Bad ids, clocks and sigevents are EINVAL.
// Times are checked with margins; the kernel's ids through raw system calls.

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"

static siginfo_t got;
static volatile int handled;
static void on_timer(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    got = *si;
    handled++;
}

static struct itimerspec ms(long value, long interval)
{
    struct itimerspec its = { { interval / 1000, interval % 1000 * 1000000 },
                              { value / 1000, value % 1000 * 1000000 } };
    return its;
}

static timer_t make_timer(clockid_t clock, int notify, int sig, int value)
{
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = notify;
    ev.sigev_signo = sig;
    ev.sigev_value.sival_int = value;
    timer_t t;
    if (timer_create(clock, &ev, &t) != 0)
        printf("timer_create: %s\n", strerror(errno));
    return t;
}

static void one_shot_signal(void)
{
    struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
    sigaction(SIGRTMIN + 1, &sa, NULL);
    timer_t t = make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGRTMIN + 1, 4242);
    struct itimerspec its = ms(50, 0), left;
    check("timer_settime 50 ms: 0", timer_settime(t, 0, &its, NULL), 0);
    timer_gettime(t, &left);
    check("timer_gettime: 40-50 ms left", left.it_value.tv_nsec > 40000000 && left.it_value.tv_nsec <= 50000000, 1);
    sleep_ms(100);
    check("one-shot: one signal", handled, 1);
    check("  si_code SI_TIMER", got.si_code, SI_TIMER);
    check("  si_value 4242", got.si_value.sival_int, 4242);
    check("  si_overrun 0", got.si_overrun, 0);
    timer_gettime(t, &left);
    check("then it is disarmed", left.it_value.tv_sec == 0 && left.it_value.tv_nsec == 0, 1);
    timer_delete(t);
}

static void overruns_while_blocked(void)
{
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    timer_t t = make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGRTMIN, 7);
    struct itimerspec its = ms(10, 10);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    timer_settime(t, 0, &its, NULL);
    sleep_ms(105);
    siginfo_t si;
    struct timespec zero = { 0, 0 };
    check("periodic 10 ms, blocked for 105 ms: one signal pending", sigtimedwait(&rt, &si, &zero), SIGRTMIN);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    // At least 7 more expirations; at most one per 10 ms that really passed (a busy
    // host may sleep longer than asked).
    long passed_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    check("  si_overrun 7 or more, and no more than the time allows",
          si.si_overrun >= 7 && si.si_overrun <= passed_ms / 10, 1);
    check("  timer_getoverrun says the same", timer_getoverrun(t), si.si_overrun);
    check("  and no second one queued", sigtimedwait(&rt, &si, &zero), -1);
    sleep_ms(25);
    timer_delete(t);
    check("deleted with its signal pending: the signal is gone", sigtimedwait(&rt, &si, &zero), -1);
    sigprocmask(SIG_UNBLOCK, &rt, NULL);
}

static void absolute_and_none(void)
{
    timer_t t = make_timer(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec its = { { 0, 0 }, { now.tv_sec + 1, now.tv_nsec } }, left;
    check("SIGEV_NONE, TIMER_ABSTIME in 1 s: 0", timer_settime(t, TIMER_ABSTIME, &its, NULL), 0);
    timer_gettime(t, &left);
    long left_ms = left.it_value.tv_sec * 1000 + left.it_value.tv_nsec / 1000000;
    check("timer_gettime: 900-1000 ms left", left_ms > 900 && left_ms <= 1000, 1);
    struct itimerspec off = ms(0, 0), old;
    timer_settime(t, 0, &off, &old);
    check("disarming returns the old value", old.it_value.tv_sec == 0 && old.it_value.tv_nsec > 800000000, 1);
    timer_delete(t);
}

static void cpu_time_timer(void)
{
    handled = 0;
    timer_t t = make_timer(CLOCK_PROCESS_CPUTIME_ID, SIGEV_SIGNAL, SIGRTMIN + 1, 9);
    struct itimerspec its = ms(50, 0);
    timer_settime(t, 0, &its, NULL);
    sleep_ms(100);
    check("CPU-time timer: nothing during a sleep", handled, 0);
    long start = cpu_ms();
    while (!handled && cpu_ms() - start < 1000)
        spin_cpu_ms(5);
    check("CPU-time timer: fires after 50 ms of spinning", handled == 1 && cpu_ms() - start >= 30, 1);
    timer_delete(t);
}

// Linux's other name for a process's CPU-time clock, (~pid << 3) | 2 (CPUCLOCK_SCHED),
// pid 0 meaning oneself: glibc's timer_create(CLOCK_PROCESS_CPUTIME_ID) passes it.
#define PROCESS_CPUCLOCK(pid) ((int)(~(unsigned)(pid) << 3 | 2))

static void pid_named_cpu_clock(void)
{
    int id = -1;
    check("raw timer_create(CPU clock of pid 0 = self, NULL): 0",
          syscall(SYS_timer_create, PROCESS_CPUCLOCK(0), NULL, &id), 0);
    syscall(SYS_timer_delete, id);
    check("raw timer_create(CPU clock of getpid(), NULL): 0",
          syscall(SYS_timer_create, PROCESS_CPUCLOCK(getpid()), NULL, &id), 0);
    syscall(SYS_timer_delete, id);
}

static void null_sigevent_and_fork(void)
{
    int id = -1;
    check("raw timer_create(CLOCK_REALTIME, NULL): 0", syscall(SYS_timer_create, CLOCK_REALTIME, NULL, &id), 0);
    sigset_t alrm;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    struct itimerspec its = ms(20, 0);
    syscall(SYS_timer_settime, id, 0, &its, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        struct itimerspec v;
        errno = 0;
        long r = syscall(SYS_timer_gettime, id, &v);
        _exit(r == -1 && errno == EINVAL ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    check("the child has no timers (timer_gettime: EINVAL)", WEXITSTATUS(status), 0);
    siginfo_t si;
    check("NULL sigevent: SIGALRM", sigwaitinfo(&alrm, &si), SIGALRM);
    check("  si_value is the timer id", si.si_value.sival_int, id);
    check("  si_timerid is the timer id", si.si_timerid, id);
    syscall(SYS_timer_delete, id);
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
}

static void bad_input(void)
{
    int id;
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = 65;
    errno = 0;
    check("signal 65: EINVAL", syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id) == -1 && errno == EINVAL, 1);
    ev.sigev_signo = SIGUSR1;
    ev.sigev_notify = 99;
    errno = 0;
    check("sigev_notify 99: EINVAL", syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id) == -1 && errno == EINVAL, 1);
    ev.sigev_notify = SIGEV_SIGNAL;
    errno = 0;
    check("clock 42: EINVAL", syscall(SYS_timer_create, 42, &ev, &id) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("timer_settime of id 1000: EINVAL", syscall(SYS_timer_settime, 1000, 0, NULL, NULL) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("timer_delete of id -1: EINVAL", syscall(SYS_timer_delete, -1) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("sigevent at 0x8: EFAULT", syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)8, &id) == -1 && errno == EFAULT, 1);
    check("a good one: 0", syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id), 0);
    struct itimerspec bad = { { 0, 0 }, { 0, 1000000000 } };
    errno = 0;
    check("tv_nsec 1e9: EINVAL", syscall(SYS_timer_settime, id, 0, &bad, NULL) == -1 && errno == EINVAL, 1);
    errno = 0;
    check("NULL new value: EINVAL", syscall(SYS_timer_settime, id, 0, NULL, NULL) == -1 && errno == EINVAL, 1);
    syscall(SYS_timer_delete, id);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    one_shot_signal();
    overruns_while_blocked();
    absolute_and_none();
    cpu_time_timer();
    pid_named_cpu_clock();
    null_sigevent_and_fork();
    bad_input();
    return failures != 0;
}
