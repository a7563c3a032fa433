// signalfd_sigchld: a child's death read from a signalfd: the SIGCHLD record's fields
// lab: 2
//
// With SIGCHLD blocked and in a signalfd's mask, a child's death is read as a
// record with ssi_code CLD_EXITED and the exit code in ssi_status, or CLD_KILLED and
// the signal; ssi_pid is the child, ssi_uid its uid; ssi_utime and ssi_stime are the
// child's CPU time in clock ticks (100 a second): about 30 for a child that spun for
// 300 ms of CPU time (siglab used to leave them 0). Reading the record does not reap
// the child: wait does.

#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static void one_child(const char *name, int how, long spin_ms, int want_code, int want_status)
{
    char what[96];
    pid_t pid = fork();
    if (pid == 0) {
        spin_cpu_ms(spin_ms);
        if (how != 0)
            kill(getpid(), how);
        _exit(7);
    }
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    int fd = signalfd(-1, &mask, 0);
    struct signalfd_siginfo si;
    snprintf(what, sizeof what, "%s: a blocking read returns one record", name);
    check(what, read(fd, &si, sizeof(si)), sizeof(si));
    snprintf(what, sizeof what, "%s: ssi_signo SIGCHLD", name);
    check(what, si.ssi_signo, SIGCHLD);
    snprintf(what, sizeof what, "%s: ssi_code", name);
    check(what, si.ssi_code, want_code);
    snprintf(what, sizeof what, "%s: ssi_status", name);
    check(what, si.ssi_status, want_status);
    snprintf(what, sizeof what, "%s: ssi_pid is the child", name);
    check(what, (pid_t)si.ssi_pid, pid);
    snprintf(what, sizeof what, "%s: ssi_uid is its uid", name);
    check(what, si.ssi_uid, getuid());
    long ticks = (long)(si.ssi_utime + si.ssi_stime);
    /* Linux samples CPU time at each tick, and a busy host shifts it by a few ticks. */
    long low = spin_ms / 10 * 2 / 3, high = spin_ms / 10 * 2 + 5;
    snprintf(what, sizeof what, "%s: ssi_utime + ssi_stime within %ld..%ld ticks", name, low, high);
    check(what, ticks >= low && ticks <= high, 1);
    int status;
    snprintf(what, sizeof what, "%s: still there to be reaped", name);
    check(what, waitpid(pid, &status, WNOHANG), pid);
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    one_child("exit(7)", 0, 0, CLD_EXITED, 7);
    one_child("killed by SIGTERM", SIGTERM, 0, CLD_KILLED, SIGTERM);
    one_child("spun 300 ms, exit(7)", 0, 300, CLD_EXITED, 7);
    return failures != 0;
}
