// tgkill_self: tkill and tgkill to ourselves; wrong tgid is ESRCH, ids <= 0 EINVAL
// lab: 1
//
// tkill(tid) and tgkill(tgid, tid) send to one thread; both work on ourselves.
// tgkill with a tgid the thread does not belong to (here: a live child's pid)
// is ESRCH and sends nothing; a tid or tgid <= 0 is EINVAL. Signal 0 only
// checks.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static long result(long r)
{
    return r == -1 ? -errno : r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t block;
    int p[2], status;

    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_SETMASK, &block, NULL);
    pid_t self = getpid();
    long tid = syscall(SYS_gettid);
    check("main thread's tid equals the pid", tid, self);

    check("tkill(tid, SIGUSR1) succeeds", result(syscall(SYS_tkill, tid, SIGUSR1)), 0);
    check("SIGUSR1 pending", is_pending(SIGUSR1), 1);
    check("tgkill(pid, tid, 0) succeeds", result(syscall(SYS_tgkill, self, tid, 0)), 0);
    check("signal 0 sent nothing", is_pending(SIGUSR2), 0);
    check("tgkill(pid, tid, SIGUSR2) succeeds", result(syscall(SYS_tgkill, self, tid, SIGUSR2)), 0);
    check("SIGUSR2 pending", is_pending(SIGUSR2), 1);

    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(p[0], &c, 1);
        _exit(is_pending(SIGUSR1) + is_pending(SIGUSR2));
    }
    signal(SIGUSR1, SIG_IGN);       // discard ours, then try to send a new one
    signal(SIGUSR1, SIG_DFL);
    check("tgkill(child pid, our tid) gives ESRCH",
          result(syscall(SYS_tgkill, pid, tid, SIGUSR1)), -ESRCH);
    check("tgkill(our pid, child pid) gives ESRCH",
          result(syscall(SYS_tgkill, self, pid, SIGUSR1)), -ESRCH);
    check("neither sent anything here", is_pending(SIGUSR1), 0);
    write(p[1], "g", 1);
    waitpid(pid, &status, 0);
    check("nor to the child", WEXITSTATUS(status), 0);

    check("tkill(0, SIGUSR1) gives EINVAL", result(syscall(SYS_tkill, 0, SIGUSR1)), -EINVAL);
    check("tkill(-1, SIGUSR1) gives EINVAL", result(syscall(SYS_tkill, -1, SIGUSR1)), -EINVAL);
    check("tgkill(0, tid, SIGUSR1) gives EINVAL", result(syscall(SYS_tgkill, 0, tid, SIGUSR1)), -EINVAL);
    check("tgkill(pid, 0, SIGUSR1) gives EINVAL", result(syscall(SYS_tgkill, self, 0, SIGUSR1)), -EINVAL);
    check("tkill(reaped pid, SIGUSR1) gives ESRCH", result(syscall(SYS_tkill, pid, SIGUSR1)), -ESRCH);

    signal(SIGUSR2, SIG_IGN);
    return failures != 0;
}
