/*
 * The ptrace system call (101): attaching, resuming, and looking into a stopped
 * tracee (Linux kernel/ptrace.c; the stops themselves are kern/signal/ptrace_stop.c,
 * the registers kern/ptrace_x86_64.c).
 *
 * Linux's order of checks, so the errno is Linux's: PTRACE_TRACEME needs no pid; an
 * unknown pid is ESRCH; PTRACE_ATTACH and PTRACE_SEIZE come next; every other
 * request needs a tracee of ours that is stopped for us (ESRCH otherwise, except
 * PTRACE_KILL and PTRACE_INTERRUPT, which do not need the stop); a request we do not
 * know is then EIO.
 *
 * Not here (each answers EIO, or EINVAL as an option): single-stepping, the FPU
 * registers, POKEUSER, and the event options (PTRACE_O_TRACEFORK, ..EXEC, ..EXIT...)
 * that would make fork and exec stop too.
 */
#include "kern/ptrace.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/uaccess.h"
#include "kern/vm.h"
#include "kern/signal/trace.h"

/* The options we carry out; the rest of Linux's are refused (see above). */
#define PTRACE_O_SUPPORTED  (PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)

/* tracer traces tracee from now on (Linux ptrace_link). */
static void ptrace_link(struct proc *tracee, struct proc *tracer)
{
    tracee->ptrace.tracer = tracer;
    tracer->ptrace.ntracees++;
}

void ptrace_unlink(struct proc *tracee)
{
    if (tracee->ptrace.tracer)
        tracee->ptrace.tracer->ptrace.ntracees--;
    tracee->ptrace.tracer = 0;
    tracee->ptrace.flags = 0;
    tracee->ptrace.options = 0;
    tracee->ptrace.syscall_trace = false;
    tracee->ptrace.interrupt = false;
    tracee->ptrace.report = false;
}

/* Let a stopped tracee run on; exit_code is the signal it is to deliver (0: none). */
static void ptrace_wake(struct proc *tracee, int sig)
{
    tracee->ptrace.exit_code = sig;
    if (tracee->state == TRACED)
        tracee->state = RUNNABLE;
    runq_add(tracee);
}

/* ---- attaching ---- */

/* Linux ptrace_traceme: the parent becomes the tracer; nothing stops yet. */
static long ptrace_traceme(void)
{
    struct proc *me = current();
    if (is_traced(&me->ptrace) || me == initproc)
        return -EPERM;
    ptrace_link(me, me->parent);
    me->ptrace.flags = PT_PTRACED;
    return 0;
}

/*
 * Linux ptrace_attach. ATTACH stops the tracee with a SIGSTOP (its first stop is
 * that signal's delivery-stop); SEIZE does not stop it and sets the options at once.
 * Init, ourselves, a zombie and a process traced already refuse with EPERM (Linux
 * lets root trace init; siglab's init is the machine, so it may not).
 */
static long ptrace_attach(struct proc *t, bool seize, uint64_t addr, uint64_t options)
{
    struct proc *me = current();
    if (seize && (addr || (options & ~(uint64_t)PTRACE_O_MASK)))
        return -EIO;
    if (seize && (options & ~(uint64_t)PTRACE_O_SUPPORTED))
        return -EINVAL;
    if (t == me || t == initproc || t->state == ZOMBIE || is_traced(&t->ptrace))
        return -EPERM;
    ptrace_link(t, me);
    t->ptrace.flags = PT_PTRACED | (seize ? PT_SEIZED : 0);
    t->ptrace.options = seize ? (uint32_t)options : 0;
    if (!seize) {
        struct ksiginfo info;
        memset(&info, 0, sizeof(info));
        info.si_signo = SIGSTOP;
        info.si_code = SI_KERNEL;
        send_signal(SIGSTOP, &info, t, PIDTYPE_PID);   /* Linux send_sig_info */
        /* Stopped by job control already: let it run into the ptrace stop. */
        if (t->state == STOPPED)
            t->state = RUNNABLE;
        runq_add(t);
    }
    sigtrace("ptrace    pid %d (%s) %s by pid %d", t->pid, t->name,
             seize ? "seized" : "attached", me->pid);
    return 0;
}

/* ---- the tracee's memory ---- */

/* Copy n bytes between buf and the tracee's memory at addr, as a debugger may (Linux
   access_process_vm with FOLL_FORCE: read-only text can take a breakpoint). */
static int access_tracee_vm(struct proc *t, uint64_t addr, void *buf, size_t n, bool write)
{
    uint8_t *b = buf;
    for (size_t i = 0; i < n; i++) {
        uint8_t *kva = mm_user_ptr_forced(t->mm, addr + i, write);
        if (!kva || addr + i < addr)
            return -EIO;
        if (write)
            *kva = b[i];
        else
            b[i] = *kva;
    }
    return 0;
}

/* PEEKTEXT/PEEKDATA: the raw call stores the word at *data (the C library returns it). */
static long ptrace_peekdata(struct proc *t, uint64_t addr, uint64_t udata)
{
    uint64_t word;
    if (access_tracee_vm(t, addr, &word, sizeof(word), false) < 0)
        return -EIO;
    return copy_to_user(udata, &word, sizeof(word)) < 0 ? -EFAULT : 0;
}

static long ptrace_pokedata(struct proc *t, uint64_t addr, uint64_t word)
{
    return access_tracee_vm(t, addr, &word, sizeof(word), true);
}

/* ---- the siginfo of the stop ---- */

static long ptrace_getsiginfo(struct proc *t, uint64_t udata)
{
    if (!t->ptrace.last_siginfo)
        return -EINVAL;
    return copy_to_user(udata, t->ptrace.last_siginfo, sizeof(struct ksiginfo)) < 0 ? -EFAULT : 0;
}

static long ptrace_setsiginfo(struct proc *t, uint64_t udata)
{
    struct ksiginfo info;
    if (copy_from_user(&info, udata, sizeof(info)) < 0)
        return -EFAULT;
    if (!t->ptrace.last_siginfo)
        return -EINVAL;
    *t->ptrace.last_siginfo = info;
    return 0;
}

/* ---- resuming ---- */

/* CONT, SYSCALL: run on, delivering sig (0: none); SYSCALL also stops at the next
   system call entry and exit (Linux ptrace_resume). */
static long ptrace_resume(struct proc *t, long request, uint64_t sig)
{
    if (sig > NSIG)
        return -EIO;
    t->ptrace.syscall_trace = request == PTRACE_SYSCALL;
    ptrace_wake(t, (int)sig);
    return 0;
}

/* Linux ptrace_detach: no longer traced; sig is delivered as it resumes. */
static long ptrace_detach(struct proc *t, uint64_t sig)
{
    if (sig > NSIG)
        return -EIO;
    sigtrace("ptrace    pid %d (%s) detached by pid %d, signal %d", t->pid, t->name,
             current()->pid, (int)sig);
    ptrace_unlink(t);
    ptrace_wake(t, (int)sig);
    return 0;
}

static long ptrace_interrupt(struct proc *t)
{
    if (!(t->ptrace.flags & PT_SEIZED))
        return -EIO;
    if (t->state == TRACED)
        return 0;       /* stopped for us already */
    t->ptrace.interrupt = true;
    /* Like a signal: interrupt a sleep (the call restarts after the stop). */
    t->sig.sigpending = true;
    if (t->state == SLEEPING) {
        t->state = RUNNABLE;
        t->wake_reason = WAKE_SIGNAL;
        runq_add(t);
    }
    return 0;
}

static long ptrace_setoptions(struct proc *t, uint64_t options)
{
    if (options & ~(uint64_t)PTRACE_O_SUPPORTED)
        return -EINVAL;
    t->ptrace.options = (uint32_t)options;
    return 0;
}

/* ---- the system call ---- */

/* Linux ptrace_check_attach: t must be our tracee, and stopped for us unless the
   request works on a running one. */
static bool ptrace_check_attach(struct proc *t, bool ignore_state)
{
    if (t->ptrace.tracer != current())
        return false;
    return ignore_state || (t->state == TRACED && !t->sig.group_exit);
}

static long ptrace_request(struct proc *t, long request, uint64_t addr, uint64_t data)
{
    switch (request) {
    case PTRACE_PEEKTEXT:
    case PTRACE_PEEKDATA:   return ptrace_peekdata(t, addr, data);
    case PTRACE_POKETEXT:
    case PTRACE_POKEDATA:   return ptrace_pokedata(t, addr, data);
    case PTRACE_PEEKUSER:   return ptrace_peekuser(t, addr, data);
    case PTRACE_GETREGS:    return ptrace_getregs(t, data);
    case PTRACE_SETREGS:    return ptrace_setregs(t, data);
    case PTRACE_GETSIGINFO: return ptrace_getsiginfo(t, data);
    case PTRACE_SETSIGINFO: return ptrace_setsiginfo(t, data);
    case PTRACE_SETOPTIONS: return ptrace_setoptions(t, data);
    case PTRACE_CONT:
    case PTRACE_SYSCALL:    return ptrace_resume(t, request, data);
    case PTRACE_DETACH:     return ptrace_detach(t, data);
    case PTRACE_INTERRUPT:  return ptrace_interrupt(t);
    case PTRACE_KILL:
        send_signal_from(SIGKILL, t, current());
        return 0;
    case PTRACE_GETEVENTMSG: {
        uint64_t msg = 0;   /* no event stops, so never a message */
        return copy_to_user(data, &msg, sizeof(msg)) < 0 ? -EFAULT : 0;
    }
    default:
        return -EIO;
    }
}

long sys_ptrace(long request, int pid, uint64_t addr, uint64_t data)
{
    if (request == PTRACE_TRACEME)
        return ptrace_traceme();
    struct proc *t = proc_find(pid);
    if (!t)
        return -ESRCH;
    if (request == PTRACE_ATTACH || request == PTRACE_SEIZE)
        return ptrace_attach(t, request == PTRACE_SEIZE, addr, data);
    if (!ptrace_check_attach(t, request == PTRACE_KILL || request == PTRACE_INTERRUPT))
        return -ESRCH;
    return ptrace_request(t, request, addr, data);
}

/*
 * The tracer exits (Linux exit_ptrace): each tracee is killed (PTRACE_O_EXITKILL) or
 * let go, running on with the signal it was stopped for. A dead tracee whose exit
 * only we had heard of is handed to its parent.
 */
void exit_ptrace(struct proc *tracer)
{
    for (struct proc *t = proc_table; t < proc_table + NPROC && tracer->ptrace.ntracees; t++) {
        if (t->state == UNUSED || t->ptrace.tracer != tracer)
            continue;
        if (t->state == ZOMBIE) {
            if (t->ptrace.exit_report)
                ptrace_exit_reaped(t);
            else
                ptrace_unlink(t);
            continue;
        }
        if (t->ptrace.options & PTRACE_O_EXITKILL)
            send_signal_from(SIGKILL, t, tracer);
        int sig = t->ptrace.exit_code;
        ptrace_unlink(t);
        ptrace_wake(t, sig);
    }
}
