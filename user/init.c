// init: the first user process (pid 1).
//
//   init                  interactive: run /bin/sh on the console until it exits
//   init -s SHELL         the same with another shell, e.g. /bin/bash (make qemu LOGIN=bash)
//   init PROG [ARG...]    run PROG once, log its exit status to /dev/kmsg
//   init -r SPECFILE      tools/krun: run the programs described by SPECFILE one after
//                         the other, each with its stdout and stderr on a pipe that
//                         init copies to the console
//
// Whatever happens, init ends by powering the machine off: the kernel treats
// pid 1 exiting as fatal, so init must never return from main.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define SPEC_MAX  65536   // largest spec file we accept
#define ARGS_MAX  256     // most argv (or envp) entries in a spec

static char *default_env[] = { "PATH=/bin", "HOME=/", NULL };

// Append one line to the kernel log, as Linux's /dev/kmsg does for each write().
// Falls back to stderr so a message is never lost silently.
static void kmsg(const char *fmt, ...)
{
    char line[256];
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n >= (int)sizeof line)
        n = sizeof line - 1;

    int fd = open("/dev/kmsg", O_WRONLY);
    if (fd < 0 || write(fd, line, n) != n)
        write(2, line, n);
    if (fd >= 0)
        close(fd);
}

static _Noreturn void power_off(void)
{
    reboot(RB_POWER_OFF);
    kmsg("init: reboot(RB_POWER_OFF) failed: %s\n", strerror(errno));
    for (;;)
        sleep(1000);    // init must not exit, so wait for someone to pull the plug
}

static _Noreturn void fail(const char *what)
{
    kmsg("init: %s: %s\n", what, strerror(errno));
    power_off();
}

// The shell's convention: the exit code, or 128 + the signal that killed it.
static int exit_code(int status)
{
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

// Orphans are re-parented to init, so other children turn up when init reaps; they
// are just freed. The status of the one init waits for is kept here, whether it
// was reaped by reap_until or, earlier, by reap_orphans.
static pid_t reaped_pid;
static int reaped_status;

static void note_reaped(pid_t r, int status)
{
    reaped_pid = r;
    reaped_status = status;
}

// Reap children until `pid` is among them and return its status.
static int reap_until(pid_t pid)
{
    int status;

    while (reaped_pid != pid) {
        pid_t r = wait4(-1, &status, 0, NULL);
        if (r == pid)
            note_reaped(r, status);
        if (r < 0 && errno != EINTR)
            fail("wait4");
    }
    reaped_pid = 0;
    return reaped_status;
}

// Free the zombies of orphans (and of `pid`, keeping its status) without waiting:
// while init copies a program's output, its orphans must not fill the process table.
static void reap_orphans(pid_t pid)
{
    int status;
    pid_t r;
    while ((r = wait4(-1, &status, WNOHANG, NULL)) > 0)
        if (r == pid)
            note_reaped(r, status);
}

// In a child of init: become a job as a shell makes one, a process group of its own
// in the foreground of the console (fd 0 still is the console), so that kill(0),
// killpg(getpgrp()) and the terminal's signals reach this program and its children,
// not init. SIGTTOU is ignored for the moment: a background group's tcsetpgrp gets
// SIGTTOU, and for a moment after setpgid this one is in the background.
static void become_foreground_job(void)
{
    setpgid(0, 0);
    signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(0, getpid());
    signal(SIGTTOU, SIG_DFL);
}

// Start `path` in a child with init's own stdio (the console); as a foreground job
// of its own if `job`.
static pid_t spawn(const char *path, char **argv, bool job)
{
    pid_t pid = fork();
    if (pid < 0)
        fail("fork");
    if (pid == 0) {
        if (job)
            become_foreground_job();
        execve(path, argv, default_env);
        dprintf(2, "init: %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    return pid;
}

// The shell's argv[0] is its file name, as a terminal emulator would start it.
static _Noreturn void run_shell(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *argv[] = { (char *)(slash ? slash + 1 : path), NULL };

    reap_until(spawn(path, argv, false));     // the shell makes its own jobs
    dprintf(1, "init: shell exited, powering off\n");
    power_off();
}

static _Noreturn void run_once(char **argv)
{
    int status = reap_until(spawn(argv[0], argv, true));

    kmsg("init: exit status %d\n", exit_code(status));
    power_off();
}

// ---- init -r SPECFILE -------------------------------------------------------

// What tools/krun asks us to run. The spec file holds one or more programs, each as
// NUL-terminated strings: cwd, path, argc, argv[0..argc-1], envc, envp[0..envc-1].
struct spec {
    char *cwd;
    char *path;
    char *argv[ARGS_MAX + 1];
    char *envp[ARGS_MAX + 1];
};

static char spec_buf[SPEC_MAX];
static size_t spec_len, spec_pos;

static void read_spec_file(const char *file)
{
    int fd = open(file, O_RDONLY);
    if (fd < 0)
        fail(file);
    for (;;) {
        if (spec_len == sizeof spec_buf) {
            kmsg("init: %s: larger than %d bytes\n", file, SPEC_MAX);
            power_off();
        }
        ssize_t n = read(fd, spec_buf + spec_len, sizeof spec_buf - spec_len);
        if (n < 0)
            fail(file);
        if (n == 0)
            break;
        spec_len += n;
    }
    close(fd);
}

// The next string of the spec, or NULL if the file ends first.
static char *next_string(void)
{
    if (spec_pos >= spec_len)
        return NULL;
    char *s = spec_buf + spec_pos;
    size_t n = strnlen(s, spec_len - spec_pos);
    if (n == spec_len - spec_pos)
        return NULL;    // the last string lacks its NUL
    spec_pos += n + 1;
    return s;
}

// A decimal count followed by that many strings, stored NULL-terminated in list.
static int next_list(char **list)
{
    char *s = next_string(), *end;
    if (s == NULL)
        return -1;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || n < 0 || n > ARGS_MAX)
        return -1;
    for (long i = 0; i < n; i++)
        if ((list[i] = next_string()) == NULL)
            return -1;
    list[n] = NULL;
    return 0;
}

// The next program of the spec into *sp; false at the end of the file.
static bool next_spec(const char *file, struct spec *sp)
{
    if (spec_pos == spec_len)
        return false;
    sp->cwd = next_string();
    sp->path = next_string();
    if (sp->cwd == NULL || sp->path == NULL || next_list(sp->argv) < 0 ||
        next_list(sp->envp) < 0) {
        kmsg("init: %s: malformed spec file\n", file);
        power_off();
    }
    return true;
}

// Let the program's bytes reach the console unchanged. With OPOST on, the tty
// turns each "\n" into "\r\n" (ONLCR), and krun must print exactly what a native
// run prints.
static void raw_console_output(void)
{
    struct termios t;

    if (tcgetattr(1, &t) < 0)
        fail("tcgetattr on the console");
    t.c_oflag &= ~OPOST;
    if (tcsetattr(1, TCSANOW, &t) < 0)
        fail("tcsetattr on the console");
}

// In the child: stdin from /dev/null, stdout and stderr into the pipe, as in a
// native `./prog args </dev/null | cat`. Errors go to the pipe, so krun shows them.
static _Noreturn void exec_spec(struct spec *sp, int pipefd[2])
{
    become_foreground_job();
    int null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, 0) < 0 || dup2(pipefd[1], 1) < 0 || dup2(pipefd[1], 2) < 0)
        _exit(127);     // nowhere left to report it; the exit status tells
    if (null > 2)
        close(null);
    close(pipefd[0]);
    close(pipefd[1]);

    if (chdir(sp->cwd) < 0) {
        dprintf(2, "init: %s: %s\n", sp->cwd, strerror(errno));
        _exit(127);
    }
    execve(sp->path, sp->argv, sp->envp);
    dprintf(2, "init: %s: %s\n", sp->path, strerror(errno));
    _exit(127);
}

static void write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail("write to the console");
        buf += n;
        len -= n;
    }
}

// Copy the pipe to the console until every writer has closed it; the byte count.
// Every 50 ms without output, and after each read, the orphans are reaped.
static size_t copy_to_console(int fd, pid_t pid)
{
    char buf[4096];
    size_t total = 0;

    for (;;) {
        reap_orphans(pid);
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        if (poll(&pfd, 1, 50) == 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            return total;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail("read from the pipe");
        write_all(1, buf, n);
        total += n;
    }
}

// Run one program of the spec to its end. The kernel log gets how many bytes it
// wrote and its exit status: krun cuts the console into each program's output.
static void run_one(struct spec *sp)
{
    int pipefd[2];

    if (pipe(pipefd) < 0)
        fail("pipe");
    pid_t pid = fork();
    if (pid < 0)
        fail("fork");
    if (pid == 0)
        exec_spec(sp, pipefd);

    // Our copy of the write end would keep the pipe from ever reaching EOF.
    close(pipefd[1]);
    size_t bytes = copy_to_console(pipefd[0], pid);
    close(pipefd[0]);

    int status = reap_until(pid);
    kmsg("init: output %zu bytes\n", bytes);
    kmsg("init: exit status %d\n", exit_code(status));
}

// Whatever a program left behind (children still running, stopped or unreaped) goes
// before the next one starts, so each starts as if on a fresh boot: kill(-1) reaches
// every process but init.
static void kill_leftovers(void)
{
    kill(-1, SIGKILL);
    while (wait4(-1, NULL, 0, NULL) > 0 || errno == EINTR)
        ;
}

static _Noreturn void run_spec(const char *file)
{
    static struct spec sp;

    read_spec_file(file);
    raw_console_output();
    while (next_spec(file, &sp)) {
        run_one(&sp);
        kill_leftovers();
    }
    power_off();
}

int main(int argc, char **argv)
{
    if (argc <= 1)
        run_shell("/bin/sh");
    if (strcmp(argv[1], "-s") == 0 && argc == 3)
        run_shell(argv[2]);
    if (strcmp(argv[1], "-r") == 0) {
        if (argc != 3) {
            kmsg("init: usage: init -r SPECFILE\n");
            power_off();
        }
        run_spec(argv[2]);
    }
    run_once(argv + 1);
}
