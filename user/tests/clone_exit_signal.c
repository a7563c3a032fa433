// clone_exit_signal: clone's low byte is the signal the parent gets at the child's death
// (SIGUSR1, or none), and such a "clone child" is waited for only with __WCLONE or __WALL
// lab: 2

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static volatile int usr1_count, usr1_code, usr1_status, usr1_pid;

static void on_usr1(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)uc;
    usr1_count++;
    usr1_code = info->si_code;
    usr1_status = info->si_status;
    usr1_pid = info->si_pid;
}

static long clone_fork(unsigned long flags)
{
    return syscall(SYS_clone, flags, 0, 0, 0, 0);
}

static void exit_signal_usr1(void)
{
    long pid = clone_fork(SIGUSR1);
    if (pid == 0)
        _exit(4);
    check("plain waitpid does not see a clone child", waitpid(pid, 0, WNOHANG) == -1 &&
          errno == ECHILD, 1);
    int status = 0;
    check("waitpid __WCLONE reaps it", waitpid(pid, &status, __WCLONE), pid);
    check("its exit status", WEXITSTATUS(status), 4);
    check("SIGUSR1 handler ran once", usr1_count, 1);
    check("si_code CLD_EXITED", usr1_code, CLD_EXITED);
    check("si_status", usr1_status, 4);
    check("si_pid", usr1_pid, pid);
    check("no SIGCHLD", is_pending(SIGCHLD), 0);
}

static void exit_signal_none(void)
{
    usr1_count = 0;
    long pid = clone_fork(0);
    if (pid == 0)
        _exit(5);
    int status = 0;
    check("exit signal 0: waitpid __WALL reaps it", waitpid(pid, &status, __WALL), pid);
    check("exit signal 0: status", WEXITSTATUS(status), 5);
    check("exit signal 0: no SIGCHLD", is_pending(SIGCHLD), 0);
    check("exit signal 0: no SIGUSR1", usr1_count, 0);
}

// An ordinary child is invisible to __WCLONE.
static void sigchld_child(void)
{
    long pid = clone_fork(SIGCHLD);
    if (pid == 0)
        _exit(6);
    int status = 0;
    check("SIGCHLD child: __WCLONE sees nothing", waitpid(pid, &status, __WCLONE) == -1 &&
          errno == ECHILD, 1);
    check("SIGCHLD child: plain waitpid reaps it", waitpid(pid, &status, 0), pid);
    check("SIGCHLD child: SIGCHLD pending", is_pending(SIGCHLD), 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGUSR1, &sa, 0);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, 0);   // so we can see whether one came
    exit_signal_usr1();
    exit_signal_none();
    sigchld_child();
    return failures != 0;
}
