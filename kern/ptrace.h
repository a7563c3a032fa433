/*
 * ptrace, the signal part (Linux kernel/ptrace.c, include/uapi/linux/ptrace.h).
 *
 * A tracer attaches to a tracee (PTRACE_TRACEME from the child, or PTRACE_ATTACH /
 * PTRACE_SEIZE from the tracer). From then on the tracee stops instead of acting on
 * a signal (signal-delivery-stop, kern/signal/ptrace_stop.c), and at system calls if
 * the tracer asked (PTRACE_SYSCALL). While it is stopped the tracer reads and writes
 * its registers, memory and the siginfo, then resumes it with a signal of its choice
 * (kern/ptrace.c, registers in kern/ptrace_x86_64.c).
 */
#ifndef KERN_PTRACE_H
#define KERN_PTRACE_H

#include "kern/types.h"
#include "kern/signal/signal.h"

/* Requests: Linux x86-64's numbers. */
#define PTRACE_TRACEME      0
#define PTRACE_PEEKTEXT     1
#define PTRACE_PEEKDATA     2
#define PTRACE_PEEKUSER     3
#define PTRACE_POKETEXT     4
#define PTRACE_POKEDATA     5
#define PTRACE_POKEUSER     6
#define PTRACE_CONT         7
#define PTRACE_KILL         8
#define PTRACE_SINGLESTEP   9
#define PTRACE_GETREGS      12
#define PTRACE_SETREGS      13
#define PTRACE_ATTACH       16
#define PTRACE_DETACH       17
#define PTRACE_SYSCALL      24
#define PTRACE_SETOPTIONS   0x4200
#define PTRACE_GETEVENTMSG  0x4201
#define PTRACE_GETSIGINFO   0x4202
#define PTRACE_SETSIGINFO   0x4203
#define PTRACE_SEIZE        0x4206
#define PTRACE_INTERRUPT    0x4207

/* PTRACE_SETOPTIONS bits. */
#define PTRACE_O_TRACESYSGOOD   0x00000001
#define PTRACE_O_EXITKILL       0x00100000
#define PTRACE_O_MASK           0x003000ff  /* every option Linux knows */

/* The event of a PTRACE_INTERRUPT stop: wait's status >> 16. */
#define PTRACE_EVENT_STOP   128

/* How the tracee was attached (Linux task->ptrace). */
#define PT_PTRACED  0x1
#define PT_SEIZED   0x10000

/* A process's side of ptrace. */
struct ptrace_state {
    struct proc *tracer;        /* 0: not traced */
    int ntracees;               /* how many we trace: only then do exit and wait look
                                   for tracees in the process table */
    uint32_t flags;             /* PT_PTRACED, and PT_SEIZED after PTRACE_SEIZE */
    uint32_t options;           /* PTRACE_O_* */
    bool syscall_trace;         /* resumed by PTRACE_SYSCALL: stop at entry and exit */
    bool interrupt;             /* PTRACE_INTERRUPT: stop as soon as it runs */
    bool report;                /* stopped, and wait has not told the tracer yet */
    bool exit_report;           /* a zombie whose tracer (not its parent) must wait first */
    /* While stopped: what the stop reports (the signal, 0x80|SIGTRAP...). On resume:
       the signal the tracer wants delivered, 0 for none (Linux task->exit_code). */
    int exit_code;
    struct ksiginfo *last_siginfo;  /* the stop's siginfo (GET/SETSIGINFO), or 0 */
};

struct proc;
struct trapframe;

/* kern/ptrace.c */
long sys_ptrace(long request, int pid, uint64_t addr, uint64_t data);
void ptrace_unlink(struct proc *tracee);
void exit_ptrace(struct proc *tracer);

/* kern/ptrace_x86_64.c: the tracee's registers as struct user_regs_struct */
long ptrace_getregs(struct proc *tracee, uint64_t udata);
long ptrace_setregs(struct proc *tracee, uint64_t udata);
long ptrace_peekuser(struct proc *tracee, uint64_t offset, uint64_t udata);

/* kern/signal/ptrace_stop.c */
int ptrace_signal(int sig, struct ksiginfo *info);
bool ptrace_report_syscall_entry(struct trapframe *tf);
void ptrace_report_syscall_exit(struct trapframe *tf);
void ptrace_report_interrupt(void);
void ptrace_group_stop(int sig);
void ptrace_exec_trap(void);
bool ptrace_exit_notify(struct proc *tracee, int wait_status);
void ptrace_exit_reaped(struct proc *tracee);

static inline bool is_traced(const struct ptrace_state *pt) { return pt->tracer != 0; }

/* Does a tracer want this process's syscall-stops (PTRACE_SYSCALL)? syscall_dispatch
   asks before every call, inline: untraced, that is a load and a branch. (Only a
   tracer sets syscall_trace, and ptrace_unlink clears it.) */
static inline bool syscall_stops_wanted(const struct ptrace_state *pt)
{
    return pt->syscall_trace;
}

#endif
