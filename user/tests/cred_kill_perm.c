// cred_kill_perm: kill, tkill, tgkill, sigqueue and killpg from an unprivileged
// sender need matching ids (check_kill_permission), except SIGCONT in the session
// lab: 1
//
// A sender whose effective uid is not 0 may signal a process only if the sender's
// real or effective uid equals the target's real or saved uid; otherwise EPERM, and
// nothing is sent. The target's effective uid and the sender's saved uid play no
// part. SIGCONT is allowed to any process of the sender's own session. killpg
// succeeds if any member could be signalled; kill(-1, sig) skips the processes it
// may not signal and still answers 0. Signal 0 asks the same question without
// sending anything. The test must start as root (CI runs it so): it makes targets
// and senders with the ids each case needs.

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define STAY      0             // the target stays in our process group
#define OWN_GROUP (-1)          // it becomes a process group leader
#define OWN_SESSION (-2)        // it starts a session of its own

struct ids { uid_t r, e, s; };

static long r(long ret)
{
    return ret == -1 ? -errno : ret;
}

// A child with ids ID that waits to be signalled; returns once it has its ids.
// WHERE: STAY, OWN_GROUP, OWN_SESSION or the process group to join.
static pid_t target(struct ids id, pid_t where)
{
    pid_t pid = fork_parking();
    if (pid == 0) {
        if (where == OWN_SESSION)
            setsid();
        else if (where != STAY)
            setpgid(0, where == OWN_GROUP ? 0 : where);
        setresuid(id.r, id.e, id.s);
        park();
    }
    wait_parked();
    return pid;
}

// Kill a target as root and say whether it was still alive, untouched by the
// signals the case refused to send.
static void reap(const char *what, pid_t t)
{
    int status;
    kill(t, SIGKILL);
    waitpid(t, &status, 0);
    check(what, WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGKILL);
}

typedef long (*action)(pid_t t);

// ACT(t) done by a child with ids ID; its result, -errno on failure.
static long as_sender(struct ids id, action act, pid_t t)
{
    int p[2];
    long result = -9999;
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        setresuid(id.r, id.e, id.s);
        result = act(t);
        write(p[1], &result, sizeof result);
        _exit(0);
    }
    read(p[0], &result, sizeof result);
    waitpid(pid, NULL, 0);
    close(p[0]);
    close(p[1]);
    return result;
}

static long kill0(pid_t t) { return r(kill(t, 0)); }
static long kill_usr1(pid_t t) { return r(kill(t, SIGUSR1)); }
static long kill_cont(pid_t t) { return r(kill(t, SIGCONT)); }
static long kill_bad(pid_t t) { return r(kill(t, 65)); }
static long tkill_usr1(pid_t t) { return r(syscall(SYS_tkill, t, SIGUSR1)); }
static long tgkill_usr1(pid_t t) { return r(syscall(SYS_tgkill, t, t, SIGUSR1)); }
static long sigqueue_usr1(pid_t t) { return r(sigqueue(t, SIGUSR1, (union sigval){ 0 })); }
static long pidfd_usr1(pid_t t)
{
    int fd = syscall(SYS_pidfd_open, t, 0);
    if (fd < 0)
        return -errno;
    return r(syscall(SYS_pidfd_send_signal, fd, SIGUSR1, NULL, 0));
}
static long killpg0(pid_t pgrp) { return r(killpg(pgrp, 0)); }
static long kill_all0(pid_t unused) { (void)unused; return r(kill(-1, 0)); }

static const struct ids ROOT = { 0, 0, 0 }, U1000 = { 1000, 1000, 1000 },
                        U2000 = { 2000, 2000, 2000 };

// One sender against one target, signal 0.
static void pair(const char *what, struct ids s, struct ids t, long want)
{
    pid_t pid = target(t, STAY);
    check(what, as_sender(s, kill0, pid), want);
    reap("  target killed by root", pid);
}

static void id_matrix(void)
{
    pair("same uid: kill(t, 0)", U1000, U1000, 0);
    pair("other uid: EPERM", U1000, U2000, -EPERM);
    pair("sender real = target real", (struct ids){ 1000, 2000, 2000 },
         (struct ids){ 1000, 3000, 3000 }, 0);
    pair("sender effective = target saved", (struct ids){ 3000, 1000, 3000 },
         (struct ids){ 2000, 2000, 1000 }, 0);
    pair("sender real = target saved", (struct ids){ 1000, 3000, 3000 },
         (struct ids){ 2000, 2000, 1000 }, 0);
    pair("target's effective uid does not count", U1000, (struct ids){ 2000, 1000, 2000 },
         -EPERM);
    pair("sender's saved uid does not count", (struct ids){ 2000, 2000, 1000 }, U1000, -EPERM);
    pair("root may signal anyone", ROOT, U2000, 0);
    pair("effective root may signal anyone", (struct ids){ 1000, 0, 1000 }, U2000, 0);
    pair("real root with effective 1000 may not", (struct ids){ 0, 1000, 0 }, U2000, -EPERM);
}

static void every_call(void)
{
    pid_t t = target(U2000, STAY);
    check("kill(t, 65): EINVAL comes before EPERM", as_sender(U1000, kill_bad, t), -EINVAL);
    check("kill(t, SIGUSR1) is EPERM", as_sender(U1000, kill_usr1, t), -EPERM);
    check("tkill(t, SIGUSR1) is EPERM", as_sender(U1000, tkill_usr1, t), -EPERM);
    check("tgkill(t, t, SIGUSR1) is EPERM", as_sender(U1000, tgkill_usr1, t), -EPERM);
    check("sigqueue(t, SIGUSR1) is EPERM", as_sender(U1000, sigqueue_usr1, t), -EPERM);
    check("pidfd_send_signal(pidfd of t, SIGUSR1) is EPERM", as_sender(U1000, pidfd_usr1, t),
          -EPERM);
    reap("the refused SIGUSR1s never reached the target", t);
}

static void sigcont_in_session(void)
{
    int status;
    pid_t t = target(U2000, STAY);
    kill(t, SIGSTOP);
    waitpid(t, &status, WUNTRACED);
    check("target stopped by root", WIFSTOPPED(status), 1);
    check("same session: SIGCONT from another uid", as_sender(U1000, kill_cont, t), 0);
    waitpid(t, &status, WCONTINUED);
    check("the target was continued", WIFCONTINUED(status), 1);
    check("same session: SIGUSR1 is still EPERM", as_sender(U1000, kill_usr1, t), -EPERM);
    reap("  target killed by root", t);

    t = target(U2000, OWN_SESSION);
    check("other session: SIGCONT is EPERM", as_sender(U1000, kill_cont, t), -EPERM);
    reap("  target killed by root", t);
}

static void groups_and_everyone(void)
{
    pid_t mine = target(U1000, OWN_GROUP);
    pid_t other = target(U2000, mine);
    check("killpg: one member of two is ours: 0", as_sender(U1000, killpg0, mine), 0);
    pid_t alone = target(U2000, OWN_GROUP);
    check("killpg of a group of others: EPERM", as_sender(U1000, killpg0, alone), -EPERM);
    check("kill(-1, 0) skips the others: 0", as_sender(U1000, kill_all0, 0), 0);
    reap("  target killed by root", mine);
    reap("  target killed by root", other);
    reap("  target killed by root", alone);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (getuid() != 0 || geteuid() != 0) {
        printf("cred_kill_perm must run as root\n");
        return 1;
    }
    id_matrix();
    every_call();
    sigcont_in_session();
    groups_and_everyone();
    return failures != 0;
}
