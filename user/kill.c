// kill: send a signal to processes or process groups, as bash's builtin does.
//
//   kill [-SIG | -s SIG] [--] PID...   SIG is a name (TERM, SIGTERM, usr1,
//                                      RTMIN+1) or a number; the default is TERM.
//                                      A negative PID names a process group.
//   kill -l [SIG...]                   list all signals, or convert each SIG
//                                      between name and number
//
// Real-time signals are named from libc's SIGRTMIN, as bash does: musl keeps
// the first three (32..34) for itself, so RTMIN here is 35, the same RTMIN a
// program built with musl means.

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// The names of the classic signals, by their x86-64 Linux numbers.
static const char *const names[] = {
    [SIGHUP] = "HUP",       [SIGINT] = "INT",       [SIGQUIT] = "QUIT",
    [SIGILL] = "ILL",       [SIGTRAP] = "TRAP",     [SIGABRT] = "ABRT",
    [SIGBUS] = "BUS",       [SIGFPE] = "FPE",       [SIGKILL] = "KILL",
    [SIGUSR1] = "USR1",     [SIGSEGV] = "SEGV",     [SIGUSR2] = "USR2",
    [SIGPIPE] = "PIPE",     [SIGALRM] = "ALRM",     [SIGTERM] = "TERM",
    [SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD",     [SIGCONT] = "CONT",
    [SIGSTOP] = "STOP",     [SIGTSTP] = "TSTP",     [SIGTTIN] = "TTIN",
    [SIGTTOU] = "TTOU",     [SIGURG] = "URG",       [SIGXCPU] = "XCPU",
    [SIGXFSZ] = "XFSZ",     [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
    [SIGWINCH] = "WINCH",   [SIGIO] = "IO",         [SIGPWR] = "PWR",
    [SIGSYS] = "SYS",
};
#define NCLASSIC ((int)(sizeof names / sizeof names[0]))

// The name of signal sig without "SIG", or NULL if it has none. Real-time
// signals count up from RTMIN for the lower half and down from RTMAX above it.
static const char *signame(int sig)
{
    static char buf[16];

    if (sig > 0 && sig < NCLASSIC)
        return names[sig];
    if (sig < SIGRTMIN || sig > SIGRTMAX)
        return NULL;
    if (sig == SIGRTMIN)
        return "RTMIN";
    if (sig == SIGRTMAX)
        return "RTMAX";
    if (sig - SIGRTMIN <= (SIGRTMAX - SIGRTMIN) / 2)
        snprintf(buf, sizeof buf, "RTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(buf, sizeof buf, "RTMAX-%d", SIGRTMAX - sig);
    return buf;
}

// A decimal number in [lo, hi], or -1.
static int number(const char *s, int lo, int hi)
{
    char *end;

    if (!isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (*end != '\0' || errno != 0 || n < lo || n > hi)
        return -1;
    return n;
}

// RTMIN, RTMIN+N, RTMAX or RTMAX-N (already without "SIG"), or -1.
static int rt_signal(const char *s)
{
    int base, dir;

    if (strncasecmp(s, "RTMIN", 5) == 0)
        base = SIGRTMIN, dir = 1;
    else if (strncasecmp(s, "RTMAX", 5) == 0)
        base = SIGRTMAX, dir = -1;
    else
        return -1;
    s += 5;
    if (*s == '\0')
        return base;
    if (*s != (dir > 0 ? '+' : '-'))
        return -1;
    int n = number(s + 1, 0, SIGRTMAX - SIGRTMIN);
    return n < 0 ? -1 : base + dir * n;
}

// A signal given by number (0 too: it only checks the process exists) or by
// name, with or without "SIG", in any case. Returns -1 if it is no signal.
static int parse_signal(const char *s)
{
    if (isdigit((unsigned char)*s))
        return number(s, 0, SIGRTMAX);
    if (strncasecmp(s, "SIG", 3) == 0)
        s += 3;
    for (int sig = 1; sig < NCLASSIC; sig++)
        if (strcasecmp(s, names[sig]) == 0)
            return sig;
    return rt_signal(s);
}

// kill -l: " 1) SIGHUP\t 2) SIGINT\t..." five to a line, as bash prints it.
static void list_all(void)
{
    int column = 0;

    for (int sig = 1; sig <= SIGRTMAX; sig++) {
        const char *name = signame(sig);
        if (name == NULL)
            continue;       // 32..34: libc's own, nameless
        if (column > 0)
            putchar('\t');
        printf("%2d) SIG%s", sig, name);
        if (++column == 5) {
            putchar('\n');
            column = 0;
        }
    }
    if (column != 0)
        putchar('\n');
}

// kill -l SIG...: a number gives its name, a name its number. 128+N, a shell's
// exit code for "killed by N", gives N's name too.
static int list_some(char **args)
{
    int rc = 0;

    for (; *args != NULL; args++) {
        if (isdigit((unsigned char)**args)) {
            int n = number(*args, 1, 128 + SIGRTMAX);
            const char *name = signame(n > 128 ? n - 128 : n);
            if (name != NULL) {
                printf("%s\n", name);
                continue;
            }
        } else {
            int sig = parse_signal(*args);
            if (sig > 0) {
                printf("%d\n", sig);
                continue;
            }
        }
        fprintf(stderr, "kill: %s: invalid signal specification\n", *args);
        rc = 1;
    }
    return rc;
}

static int usage(void)
{
    fprintf(stderr, "usage: kill [-s SIG | -SIG] PID...\n       kill -l [SIG...]\n");
    return 1;
}

// Signal each PID (negative: a process group), going on past failures.
static int send_all(int sig, char **args)
{
    int rc = 0;

    for (; *args != NULL; args++) {
        char *s = *args, *end;
        errno = 0;
        long pid = strtol(s, &end, 10);
        if (*s == '\0' || *end != '\0' || errno != 0 || pid != (int)pid) {
            fprintf(stderr, "kill: %s: arguments must be process or job IDs\n", s);
            rc = 1;
        } else if (kill((int)pid, sig) < 0) {
            fprintf(stderr, "kill: (%ld) - %s\n", pid, strerror(errno));
            rc = 1;
        }
    }
    return rc;
}

int main(int argc, char **argv)
{
    const char *spec = "TERM";
    int i = 1;

    if (argc > 1 && strcmp(argv[1], "-l") == 0) {
        if (argc == 2) {
            list_all();
            return 0;
        }
        return list_some(argv + 2);
    }

    // The first argument may name the signal; then "--" may end the options,
    // so that a following "-123" is read as a process group.
    if (i + 1 < argc && strcmp(argv[i], "-s") == 0) {
        spec = argv[i + 1];
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0) {
        spec = argv[i] + 1;
        i++;
    }
    int sig = parse_signal(spec);
    if (sig < 0) {
        fprintf(stderr, "kill: %s: invalid signal specification\n", spec);
        return 1;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc)
        return usage();
    return send_all(sig, argv + i);
}
