// sa_flags_combined: all 32 combinations of SA_SIGINFO, SA_ONSTACK, SA_NODEFER, SA_RESETHAND, SA_RESTART
// lab: 4
//
// Each flag changes one thing, whatever the others say. For every combination the
// test installs a SIGUSR1 handler with sa_mask = {SIGUSR2}, sends SIGUSR1 to itself
// and looks, from inside the handler, at:
//   - the stack: the altstack with SA_ONSTACK, the normal stack without;
//   - the mask: SIGUSR2 (sa_mask) always blocked, SIGUSR1 blocked unless SA_NODEFER;
//   - the action: already SIG_DFL with SA_RESETHAND, still the handler without;
//   - the arguments: signo always; with SA_SIGINFO, si_signo, si_code SI_USER, si_pid;
// and, after the handler returned (through sigreturn), that the mask is empty again
// and that sigaction reads back the flags it was given (leaving out SA_RESTORER,
// which the C library adds).
//
// One line per combination; the flags are listed by name so a failure says which.

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

static const struct { int flag; const char *name; } flags[] = {
    { SA_SIGINFO, "SIGINFO" }, { SA_ONSTACK, "ONSTACK" }, { SA_NODEFER, "NODEFER" },
    { SA_RESETHAND, "RESETHAND" }, { SA_RESTART, "RESTART" },
};
#define NFLAGS (sizeof(flags) / sizeof(flags[0]))

static char altstack[64 * 1024] __attribute__((aligned(16)));

// What the handler saw.
static struct {
    int runs, signo, on_altstack, usr1_blocked, usr2_blocked, reset_to_dfl;
    int info_signo, info_code, info_pid;
} seen;

static int on_altstack(void)
{
    char here;
    return &here >= altstack && &here < altstack + sizeof altstack;
}

static void look_around(int sig)
{
    sigset_t now;
    struct sigaction act;

    seen.runs++;
    seen.signo = sig;
    seen.on_altstack = on_altstack();
    sigprocmask(SIG_BLOCK, NULL, &now);
    seen.usr1_blocked = sigismember(&now, SIGUSR1);
    seen.usr2_blocked = sigismember(&now, SIGUSR2);
    sigaction(SIGUSR1, NULL, &act);
    seen.reset_to_dfl = act.sa_handler == SIG_DFL;
}

static void plain_handler(int sig)
{
    look_around(sig);
}

static void info_handler(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    look_around(sig);
    seen.info_signo = info->si_signo;
    seen.info_code = info->si_code;
    seen.info_pid = info->si_pid;
}

static void flag_names(int f, char *buf, size_t len)
{
    buf[0] = 0;
    for (unsigned i = 0; i < NFLAGS; i++)
        if (f & flags[i].flag) {
            if (buf[0])
                strncat(buf, "|", len - strlen(buf) - 1);
            strncat(buf, flags[i].name, len - strlen(buf) - 1);
        }
    if (!buf[0])
        strncat(buf, "none", len - 1);
}

// Returns the number of things that were not as expected, printing each.
static int try_combination(int f)
{
    struct sigaction sa, back;
    sigset_t after;
    int wrong = 0;

    memset(&sa, 0, sizeof sa);
    if (f & SA_SIGINFO)
        sa.sa_sigaction = info_handler;
    else
        sa.sa_handler = plain_handler;
    sa.sa_flags = f;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR1, NULL, &back);
    memset(&seen, 0, sizeof seen);

    kill(getpid(), SIGUSR1);

    sigprocmask(SIG_BLOCK, NULL, &after);
#define EXPECT(what, cond) do { if (!(cond)) { printf("  FAIL: %s\n", what); wrong++; } } while (0)
    EXPECT("the handler ran once", seen.runs == 1);
    EXPECT("signo is SIGUSR1", seen.signo == SIGUSR1);
    EXPECT((f & SA_ONSTACK) ? "on the altstack" : "on the normal stack",
           seen.on_altstack == !!(f & SA_ONSTACK));
    EXPECT((f & SA_NODEFER) ? "SIGUSR1 not blocked inside" : "SIGUSR1 blocked inside",
           seen.usr1_blocked == !(f & SA_NODEFER));
    EXPECT("SIGUSR2 (sa_mask) blocked inside", seen.usr2_blocked == 1);
    EXPECT((f & SA_RESETHAND) ? "action SIG_DFL inside" : "action kept inside",
           seen.reset_to_dfl == !!(f & SA_RESETHAND));
    if (f & SA_SIGINFO)
        EXPECT("siginfo: SIGUSR1, SI_USER, our pid",
               seen.info_signo == SIGUSR1 && seen.info_code == SI_USER && seen.info_pid == getpid());
    EXPECT("mask empty after the handler returned",
           !sigismember(&after, SIGUSR1) && !sigismember(&after, SIGUSR2));
    EXPECT("sigaction reads back the flags", (back.sa_flags & ~SA_RESTORER) == f);
    return wrong;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
    sigaltstack(&ss, NULL);

    int failures = 0;
    for (int combo = 0; combo < 1 << NFLAGS; combo++) {
        int f = 0;
        for (unsigned i = 0; i < NFLAGS; i++)
            if (combo & (1 << i))
                f |= flags[i].flag;
        char names[80];
        flag_names(f, names, sizeof names);
        int wrong = try_combination(f);
        printf("%-42s %s\n", names, wrong ? "FAIL" : "ok");
        failures += wrong;
    }
    return failures != 0;
}
