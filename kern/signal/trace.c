/*
 * sigtrace: with "sigtrace" on the kernel command line, every step of a signal's life
 * goes to the kernel log, one line each (a frame also gets a picture of the user
 * stack). Run `make qemu CMDLINE=sigtrace` and watch build/kernel.log.
 */
#include "kern/signal/signal.h"
#include "kern/signal/trace.h"
#include "kern/signal/frame_x86_64.h"
#include "kern/proc.h"
#include "kern/printk.h"
#include "kern/fmt.h"
#include "kern/sigio.h"

static const char *const names[] = {
    [SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
    [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
    [SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
    [SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
    [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
    [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM",
    [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR",
    [SIGSYS] = "SIGSYS",
};

const char *signame(int sig)
{
    static char rt[16];
    if (sig > 0 && sig < SIGRTMIN)
        return names[sig];
    /* Real-time signals by number: the C library's SIGRTMIN is not the kernel's
       (musl and glibc keep 32..34 for themselves), so SIGRT35 is musl's SIGRTMIN. */
    snprintf(rt, sizeof(rt), "SIGRT%d", sig);
    return rt;
}

void sigtrace(const char *fmt, ...)
{
    if (!sigtrace_enabled)
        return;
    va_list ap;
    va_start(ap, fmt);
    printk("sigtrace: ");
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
}

/* si_code by name: its meaning depends on the signal when it is positive. */
static const char *code_name(int sig, int code)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_KERNEL: return "SI_KERNEL";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TKILL: return "SI_TKILL";
    case SI_TIMER: return "SI_TIMER";
    }
    static const char *const cld[] = { [CLD_EXITED] = "CLD_EXITED", [CLD_KILLED] = "CLD_KILLED",
        [CLD_DUMPED] = "CLD_DUMPED", [CLD_TRAPPED] = "CLD_TRAPPED",
        [CLD_STOPPED] = "CLD_STOPPED", [CLD_CONTINUED] = "CLD_CONTINUED" };
    if (sig == SIGCHLD && code >= CLD_EXITED && code <= CLD_CONTINUED)
        return cld[code];
    if (sig == SIGSEGV && code == SEGV_MAPERR) return "SEGV_MAPERR";
    if (sig == SIGSEGV && code == SEGV_ACCERR) return "SEGV_ACCERR";
    if (sig == SIGFPE && code == FPE_INTDIV) return "FPE_INTDIV";
    if (sig == SIGFPE && code == FPE_FLTDIV) return "FPE_FLTDIV";
    if (sig == SIGFPE && code == FPE_FLTOVF) return "FPE_FLTOVF";
    if (sig == SIGFPE && code == FPE_FLTUND) return "FPE_FLTUND";
    if (sig == SIGFPE && code == FPE_FLTRES) return "FPE_FLTRES";
    if (sig == SIGFPE && code == FPE_FLTINV) return "FPE_FLTINV";
    if (sig == SIGILL && code == ILL_ILLOPN) return "ILL_ILLOPN";
    if (sig == SIGBUS && code == BUS_ADRALN) return "BUS_ADRALN";
    if (sig == SIGTRAP && code == TRAP_BRKPT) return "TRAP_BRKPT";
    if (sig == SIGTRAP && code == TRAP_TRACE) return "TRAP_TRACE";
    if (code == POLL_IN) return "POLL_IN";
    if (code == POLL_OUT) return "POLL_OUT";
    return "?";
}

void sigtrace_generate(int sig, const struct ksiginfo *info, struct proc *p, const char *what)
{
    if (info->si_code > 0 && info->si_code != SI_KERNEL && (sigmask(sig) & SYNCHRONOUS_SIGNALS))
        sigtrace("generate  %-8s -> pid %d (%s) by a fault at %#lx, si_code %d (%s): %s",
                 signame(sig), p->pid, p->name, info->fault.addr, info->si_code,
                 code_name(sig, info->si_code), what);
    else if (info->si_code == SI_KERNEL)
        sigtrace("generate  %-8s -> pid %d (%s) by the kernel, si_code %d (SI_KERNEL): %s",
                 signame(sig), p->pid, p->name, info->si_code, what);
    else if (info->si_code > 0 && sig != SIGCHLD)   /* SIGIO's F_SETSIG siginfo */
        sigtrace("generate  %-8s -> pid %d (%s) for I/O on fd %d, si_code %d (%s), band %#lx: %s",
                 signame(sig), p->pid, p->name, info->poll.fd, info->si_code,
                 code_name(sig, info->si_code), (unsigned long)info->poll.band, what);
    else
        sigtrace("generate  %-8s -> pid %d (%s) from pid %d, si_code %d (%s): %s", signame(sig),
                 p->pid, p->name, info->kill.pid, info->si_code,
                 code_name(sig, info->si_code), what);
}

/* "SA_SIGINFO|SA_RESTORER", or "0": the flags the frame and the mask depend on. */
static const char *flag_names(uint64_t flags)
{
    static const struct { uint64_t flag; const char *name; } known[] = {
        { SA_SIGINFO, "SA_SIGINFO" }, { SA_ONSTACK, "SA_ONSTACK" },
        { SA_RESTART, "SA_RESTART" }, { SA_NODEFER, "SA_NODEFER" },
        { SA_RESETHAND, "SA_RESETHAND" }, { SA_RESTORER, "SA_RESTORER" },
        { SA_NOCLDSTOP, "SA_NOCLDSTOP" }, { SA_NOCLDWAIT, "SA_NOCLDWAIT" },
    };
    static char buf[128];
    size_t n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (flags & known[i].flag)
            n += snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? "|" : "", known[i].name);
    if (n == 0)
        snprintf(buf, sizeof(buf), "0");
    return buf;
}

void sigtrace_event(const char *what, int sig, const struct proc *p)
{
    sigtrace("%-9s %-8s in pid %d (%s), still pending %#lx, blocked %#lx", what, signame(sig),
             p->pid, p->name, all_pending(&p->sig), p->sig.blocked);
}

void sigtrace_restart(long nr, long ret, const char *decision)
{
    static const char *const codes[] = { "-ERESTARTSYS", "-ERESTARTNOINTR", "-ERESTARTNOHAND",
                                         "?", "-ERESTART_RESTARTBLOCK" };
    long i = -ret - 512;
    sigtrace("restart   syscall %ld returned %s: %s", nr,
             i >= 0 && i < 5 ? codes[i] : "?", decision);
}

void sigtrace_timer(const struct proc *p, int id, int sig, int overrun, bool queued)
{
    if (queued)
        sigtrace("timer     %s for pid %d (%s): POSIX timer %d expired, overrun %d", signame(sig),
                 p->pid, p->name, id, overrun);
    else
        sigtrace("timer     %s for pid %d (%s): POSIX timer %d expired, its signal still "
                 "pending: overrun now %d", signame(sig), p->pid, p->name, id, overrun);
}

/* A signalfd read took sig out of the pending set instead of a handler. */
void sigtrace_signalfd(int sig, const struct ksiginfo *info, const struct proc *p)
{
    sigtrace("signalfd  %-8s read by pid %d (%s), si_code %d (%s), still pending %#lx, "
             "blocked %#lx", signame(sig), p->pid, p->name, info->si_code,
             code_name(sig, info->si_code), all_pending(&p->sig), p->sig.blocked);
}

void sigtrace_sigreturn(const struct trapframe *tf, sigset_t mask, bool ok)
{
    struct proc *p = current();
    if (ok)
        sigtrace("sigreturn pid %d (%s): back to rip %#lx rsp %#lx rax %ld, blocked %#lx",
                 p->pid, p->name, tf->rip, tf->rsp, (long)tf->rax, mask);
    else
        sigtrace("sigreturn pid %d (%s): bad frame at %#lx: SIGSEGV", p->pid, p->name,
                 tf->rsp - 8);
}

/* The frame as it now sits on the user stack, highest address first. */
void sigtrace_frame(int sig, const struct k_sigaction *ka, uint64_t frame, uint64_t fpstate,
                    const struct trapframe *tf, bool on_altstack)
{
    if (!sigtrace_enabled)
        return;
    struct proc *p = current();
    sigtrace("frame     %-8s in pid %d (%s): handler %#lx, flags %s, on %s stack",
             signame(sig), p->pid, p->name, ka->handler, flag_names(ka->flags),
             on_altstack ? "the alternate" : "the process");
    uint64_t info = frame + offsetof(struct rt_sigframe, info);
    uint64_t uc = frame + offsetof(struct rt_sigframe, uc);
    uint64_t sc = uc + offsetof(struct ucontext_x86_64, uc_mcontext);
    printk("    %016lx  interrupted rsp (rip %#lx); 128-byte red zone below\n", tf->rsp, tf->rip);
    printk("    %016lx  +--------------------------------+\n", fpstate + FPSTATE_SIZE);
    printk("                      | fxsave area (512 bytes)        |\n");
    printk("    %016lx  +--------------------------------+ <- uc_mcontext.fpstate\n", fpstate);
    printk("                      | (alignment padding)            |\n");
    printk("    %016lx  +--------------------------------+\n", frame + sizeof(struct rt_sigframe));
    printk("                      | %-31s|\n", (ka->flags & SA_SIGINFO) ?
           "siginfo (128 bytes)" : "siginfo (128 bytes, unwritten)");
    printk("    %016lx  +--------------------------------+ <- rsi = &info\n", info);
    printk("                      | uc_sigmask (mask to restore)   |\n");
    printk("    %016lx  | uc_mcontext (sigcontext, 256)  |\n", sc);
    printk("                      | uc_stack, uc_link, uc_flags    |\n");
    printk("    %016lx  +--------------------------------+ <- rdx = &uc\n", uc);
    printk("                      | pretcode = %#-20lx|\n",
           (ka->flags & SA_RESTORER) ? ka->restorer : TRAMPOLINE_ADDR);
    printk("    %016lx  +--------------------------------+ <- rsp at handler entry (%% 16 == %lu)\n",
           frame, frame % 16);
}
