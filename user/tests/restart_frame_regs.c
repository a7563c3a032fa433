// restart_frame_regs: rax/rip in the frame of an interrupted syscall: -EINTR or rewound for restart
// lab: 5
//
// What the handler's frame says about an interrupted system call, which is what
// sigreturn then resumes. If the call will fail with EINTR, rax is -EINTR (-4)
// and rip is after the syscall instruction. If it will be restarted (read with
// SA_RESTART), rax is the system call number again and rip is back on the
// syscall instruction (2 bytes earlier). Calls that are never restarted after a
// handler (pause, nanosleep) show -EINTR even with SA_RESTART. The raw return
// value is exactly -4: the kernel's internal restart codes (512..516) never
// reach user space.
//
// The system calls are made with inline assembly, so the instruction's
// address is known. A child sends the signal after 100 ms.

#define _GNU_SOURCE     // REG_RIP
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

static volatile int handled;
static greg_t frame_rip, frame_rax;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    handled++;
    frame_rip = uc->uc_mcontext.gregs[REG_RIP];
    frame_rax = uc->uc_mcontext.gregs[REG_RAX];
}

extern const char sc_insn[], sc_after[];

// A raw three-argument system call: the kernel's result, unfiltered.
__attribute__((noinline)) static long raw3(long nr, long a, long b, long c)
{
    long ret;
    asm volatile("sc_insn: syscall\n"
                 "sc_after:"
                 : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return ret;
}

static pid_t poke_later(int fd)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec ts = { 0, 100000000 };
        nanosleep(&ts, NULL);
        kill(getppid(), SIGUSR1);
        nanosleep(&ts, NULL);
        if (fd >= 0)
            write(fd, "k", 1);
        _exit(0);
    }
    return pid;
}

static void run(const char *name, long nr, int flags, int restarts)
{
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | flags };
    struct timespec two_s = { 2, 0 };
    int p[2];
    char c = 0, what[96];
    long r;

    sigaction(SIGUSR1, &sa, NULL);
    pipe(p);
    handled = 0;
    pid_t pid = poke_later(nr == SYS_read ? p[1] : -1);
    if (nr == SYS_read)
        r = raw3(SYS_read, p[0], (long)&c, 1);
    else if (nr == SYS_nanosleep)
        r = raw3(SYS_nanosleep, (long)&two_s, 0, 0);
    else
        r = raw3(nr, 0, 0, 0);
    snprintf(what, sizeof what, "%s: handler ran once", name);
    check(what, handled, 1);
    if (restarts) {
        snprintf(what, sizeof what, "%s: frame rax is the syscall number", name);
        check(what, frame_rax, nr);
        snprintf(what, sizeof what, "%s: frame rip is the syscall instruction", name);
        check(what, frame_rip == (greg_t)sc_insn, 1);
        snprintf(what, sizeof what, "%s: restarted call returned the byte", name);
        check(what, r == 1 && c == 'k', 1);
    } else {
        snprintf(what, sizeof what, "%s: frame rax is -EINTR", name);
        check(what, frame_rax, -4);
        snprintf(what, sizeof what, "%s: frame rip is after the syscall", name);
        check(what, frame_rip == (greg_t)sc_after, 1);
        snprintf(what, sizeof what, "%s: raw result is -4", name);
        check(what, r, -4);
    }
    waitpid(pid, NULL, 0);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    run("read, no SA_RESTART", SYS_read, 0, 0);
    run("read, SA_RESTART", SYS_read, SA_RESTART, 1);
    run("pause, SA_RESTART", SYS_pause, SA_RESTART, 0);
    run("nanosleep, SA_RESTART", SYS_nanosleep, SA_RESTART, 0);
    return failures != 0;
}
