/* sigtrace off costs nothing behind the hook: with sigtrace_enabled false, no hook of
   kern/signal/trace.h calls into trace.c (each is an inline test of the flag); with it
   true, each calls its printer once. The printers here only count their calls. */
#include "tests/unit/check.h"
#include "kern/signal/trace.h"

bool sigtrace_enabled;
static int printed;

void trace_generate(int sig, const struct ksiginfo *info, struct proc *p, const char *what)
{
    (void)sig, (void)info, (void)p, (void)what;
    printed++;
}

void trace_event(const char *what, int sig, const struct proc *p)
{
    (void)what, (void)sig, (void)p;
    printed++;
}

void trace_restart(long nr, long ret, const char *decision)
{
    (void)nr, (void)ret, (void)decision;
    printed++;
}

void trace_timer(const struct proc *p, int id, int sig, int overrun, bool queued)
{
    (void)p, (void)id, (void)sig, (void)overrun, (void)queued;
    printed++;
}

void trace_frame(int sig, const struct k_sigaction *ka, uint64_t frame, uint64_t fpstate,
                 const struct trapframe *tf, bool on_altstack)
{
    (void)sig, (void)ka, (void)frame, (void)fpstate, (void)tf, (void)on_altstack;
    printed++;
}

void trace_signalfd(int sig, const struct ksiginfo *info, const struct proc *p)
{
    (void)sig, (void)info, (void)p;
    printed++;
}

void trace_sigreturn(const struct trapframe *tf, sigset_t mask, bool ok)
{
    (void)tf, (void)mask, (void)ok;
    printed++;
}

void trace_sigreturn_entry(const struct trapframe *tf)
{
    (void)tf;
    printed++;
}

/* Every hook once; the pointers are never looked at. */
static void every_hook(void)
{
    struct ksiginfo info = { .si_signo = SIGUSR1 };
    struct k_sigaction ka = { 0 };
    sigtrace_generate(SIGUSR1, &info, 0, "pending");
    sigtrace_event("dequeue", SIGUSR1, 0);
    sigtrace_restart(0, 0, "restart");
    sigtrace_timer(0, 1, SIGALRM, 0, true);
    sigtrace_frame(SIGUSR1, &ka, 0x1000, 0x2000, 0, false);
    sigtrace_signalfd(SIGUSR1, &info, 0);
    sigtrace_sigreturn(0, 0, true);
    sigtrace_sigreturn_entry(0);
}

int main(void)
{
    sigtrace_enabled = false;
    every_hook();
    CHECK_EQ(printed, 0);

    sigtrace_enabled = true;
    every_hook();
    CHECK_EQ(printed, 8);
    return check_summary();
}
