/*
 * Signals: the per-process state and the generic operations (ULK ch. 11; Linux
 * include/linux/signal.h and kernel/signal.c). Nothing here knows x86 registers:
 * frame_x86_64.c and sigreturn_x86_64.c hold the architecture part.
 *
 * Numbering is Linux's: 1..31 standard signals, 32..64 real-time signals. A sigset_t
 * is one 64-bit word with bit (sig - 1) standing for sig, exactly the layout user
 * space passes to rt_sigprocmask with sigsetsize 8.
 */
#ifndef KERN_SIGNAL_SIGNAL_H
#define KERN_SIGNAL_SIGNAL_H

#include "kern/types.h"

#define NSIG        64
#define SIGHUP      1
#define SIGINT      2
#define SIGQUIT     3
#define SIGILL      4
#define SIGTRAP     5
#define SIGABRT     6
#define SIGBUS      7
#define SIGFPE      8
#define SIGKILL     9
#define SIGUSR1     10
#define SIGSEGV     11
#define SIGUSR2     12
#define SIGPIPE     13
#define SIGALRM     14
#define SIGTERM     15
#define SIGSTKFLT   16
#define SIGCHLD     17
#define SIGCONT     18
#define SIGSTOP     19
#define SIGTSTP     20
#define SIGTTIN     21
#define SIGTTOU     22
#define SIGURG      23
#define SIGXCPU     24
#define SIGXFSZ     25
#define SIGVTALRM   26
#define SIGPROF     27
#define SIGWINCH    28
#define SIGIO       29
#define SIGPWR      30
#define SIGSYS      31
#define SIGRTMIN    32      /* the kernel's; C libraries reserve the first few */
#define SIGRTMAX    64

/* sa_handler special values */
#define SIG_DFL     0UL
#define SIG_IGN     1UL

/* sa_flags */
#define SA_NOCLDSTOP    0x00000001
#define SA_NOCLDWAIT    0x00000002
#define SA_SIGINFO      0x00000004
#define SA_EXPOSE_TAGBITS 0x00000800  /* kept, meaningless on x86 (no address tags) */
#define SA_RESTORER     0x04000000
#define SA_ONSTACK      0x08000000
#define SA_RESTART      0x10000000
#define SA_NODEFER      0x40000000
#define SA_RESETHAND    0x80000000

/* rt_sigprocmask how */
#define SIG_BLOCK       0
#define SIG_UNBLOCK     1
#define SIG_SETMASK     2

/* sigaltstack */
#define SS_ONSTACK      1
#define SS_DISABLE      2
#define SS_AUTODISARM   (1U << 31)
#define MINSIGSTKSZ     2048

/* si_code values (include/uapi/asm-generic/siginfo.h) */
#define SI_USER         0
#define SI_KERNEL       0x80
#define SI_QUEUE        -1
#define SI_TIMER        -2
#define SI_TKILL        -6
#define ILL_ILLOPN      2
#define FPE_INTDIV      1
#define FPE_FLTDIV      3
#define FPE_FLTOVF      4
#define FPE_FLTUND      5
#define FPE_FLTRES      6
#define FPE_FLTINV      7
#define SEGV_MAPERR     1
#define SEGV_ACCERR     2
#define BUS_ADRALN      1
#define TRAP_BRKPT      1
#define TRAP_TRACE      2
#define CLD_EXITED      1
#define CLD_KILLED      2
#define CLD_DUMPED      3
#define CLD_TRAPPED     4
#define CLD_STOPPED     5
#define CLD_CONTINUED   6

typedef uint64_t sigset_t;

static inline sigset_t sigmask(int sig) { return 1ULL << (sig - 1); }
static inline bool sigismember(sigset_t set, int sig) { return set & sigmask(sig); }
static inline void sigaddset(sigset_t *set, int sig) { *set |= sigmask(sig); }
static inline void sigdelset(sigset_t *set, int sig) { *set &= ~sigmask(sig); }
static inline bool valid_signal(long sig) { return sig >= 1 && sig <= NSIG; }

/* The default actions (ULK ch. 11's table; Linux's SIG_KERNEL_*_MASK): a standard
   signal whose action is SIG_DFL is ignored, stops the process, or terminates it, with
   a core dump for the COREDUMP ones. Real-time signals terminate. */
/* Entries of the sigqueue pool (kern/signal/sigqueue.c), for the whole machine; more
   come from pages when they run out. */
#define NSIGQUEUE 2048

#define STOP_SIGNALS    (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define DEFAULT_IGNORE_SIGNALS (sigmask(SIGCONT) | sigmask(SIGCHLD) | sigmask(SIGWINCH) | \
                                sigmask(SIGURG))
#define COREDUMP_SIGNALS (sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
                          sigmask(SIGABRT) | sigmask(SIGBUS) | sigmask(SIGFPE) | \
                          sigmask(SIGSEGV) | sigmask(SIGXCPU) | sigmask(SIGXFSZ) | sigmask(SIGSYS))
#define UNBLOCKABLE     (sigmask(SIGKILL) | sigmask(SIGSTOP))
/* Faults the kernel raises for the instruction that caused them: dequeued first. */
#define SYNCHRONOUS_SIGNALS (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
                             sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

/* struct sigaction as rt_sigaction passes it on x86-64 (not the C library's). */
struct k_sigaction {
    uint64_t handler;       /* SIG_DFL, SIG_IGN or the handler's address */
    uint64_t flags;
    uint64_t restorer;      /* where the handler returns to (SA_RESTORER) */
    sigset_t mask;          /* also blocked while the handler runs */
};

/* siginfo_t, 128 bytes, Linux layout: si_signo 0, si_errno 4, si_code 8, then a union
   at 16 (si_pid/si_addr), 20 (si_uid), 24 (si_value/si_status). */
struct ksiginfo {
    int32_t si_signo;
    int32_t si_errno;
    int32_t si_code;
    int32_t pad;
    union {
        struct { int32_t pid; uint32_t uid; uint64_t value; } kill;     /* also rt */
        struct { int32_t tid; int32_t overrun; uint64_t value; } timer; /* SI_TIMER */
        struct { int32_t pid; uint32_t uid; int32_t status; int32_t pad; int64_t utime, stime; } chld;
        struct { uint64_t addr; } fault;
        struct { int64_t band; int32_t fd; } poll;                      /* SIGIO, F_SETSIG */
        uint8_t bytes[112];
    };
};

/* One queued instance of a signal with its information. */
struct sigqueue {
    struct ksiginfo info;
    struct sigqueue *next;
    uint32_t user;          /* the real uid it is counted against (RLIMIT_SIGPENDING) */
};

/* Pending signals: the set, plus the queue of siginfo for them (ULK: "struct
   sigpending"). A standard signal has at most one entry; real-time ones one each. */
struct sigpending {
    sigset_t signal;
    struct sigqueue *head;
};

/* stack_t as sigaltstack(2) and uc_stack lay it out (the same on every 64-bit Linux). */
struct stack_t_k {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};

/* The alternate stack as the kernel keeps it. */
struct altstack {
    uint64_t sp;
    uint64_t size;
    uint32_t flags;         /* SS_AUTODISARM, or SS_DISABLE */
};

/* What an interrupted nanosleep/poll needs to carry on (restart_syscall, lab 5). */
struct restart_block {
    long (*fn)(struct restart_block *rb);
    uint64_t deadline_ns;   /* absolute, on the monotonic clock */
    uint64_t urem;          /* nanosleep: where to store the time left */
    uint64_t ufds;          /* poll */
    uint32_t nfds;
};

#define RLIMIT_NLIMITS      16
#define RLIMIT_CPU          0
#define RLIMIT_STACK        3       /* the main stack's growth (kern/mmap_layout.c) */
#define RLIMIT_CORE         4
#define RLIMIT_NPROC        6       /* processes per real user (kern/fork.c) */
#define RLIMIT_AS           9       /* the address space (kern/mmap_layout.c) */
#define RLIMIT_SIGPENDING   11

#define RLIM_INFINITY       (~0UL)
struct rlimit_k {
    uint64_t cur, max;
};

/* Job-control bookkeeping for wait4 and SIGCHLD. */
enum stop_report { REPORT_NONE, REPORT_STOPPED, REPORT_CONTINUED };

/* Everything signal-related a process carries (task_struct's signal fields). */
struct signal_state {
    struct k_sigaction action[NSIG];
    sigset_t blocked;
    sigset_t real_blocked;      /* the mask before rt_sigtimedwait widened it */
    sigset_t saved_sigmask;     /* the mask before sigsuspend/pselect6 replaced it */
    bool restore_sigmask;       /* put saved_sigmask back on the way to user mode */
    /* ULK's two pending queues: signals sent to this thread (tkill, tgkill, raise,
       a fault) wait in pending and are taken first; signals sent to the process
       (kill, sigqueue, SIGCHLD, a timer, the tty) wait in shared_pending. Linux keeps
       the second in signal_struct, for all threads; one thread per process here. */
    struct sigpending pending;
    struct sigpending shared_pending;
    bool sigpending;            /* TIF_SIGPENDING: do_signal must run before user mode */
    int group_exit;             /* a fatal signal was sent: die with this signal */
    struct altstack altstack;
    struct restart_block restart;
    int stop_signal;            /* the signal that stopped us */
    enum stop_report report;    /* what wait4 has not yet told the parent */
    bool notify_continued;      /* tell the parent CLD_CONTINUED when we next run */
    uint64_t itimer_deadline_ns, itimer_interval_ns;    /* ITIMER_REAL; 0 = off */
    /* ITIMER_VIRTUAL and ITIMER_PROF: due when our user (resp. total) CPU time
       reaches deadline; 0 = off (kern/signal/itimer.c) */
    struct cpu_itimer { uint64_t deadline_ns, interval_ns; } cpu_itimer[2];
    /* the same fault again and again with no handler run in between (trap.c) */
    uint64_t fault_rip;
    int fault_repeats;
};

/* Every signal pending for the process, in either queue. */
static inline sigset_t all_pending(const struct signal_state *s)
{
    return s->pending.signal | s->shared_pending.signal;
}

/* Whom a signal is sent to (Linux enum pid_type): the thread (its private queue) or
   the whole process (the shared queue). */
enum pid_type { PIDTYPE_PID, PIDTYPE_TGID };

struct proc;
struct trapframe;

/* generate.c (lab 1) */
int send_signal(int sig, struct ksiginfo *info, struct proc *p, enum pid_type type);
/* ULK's __send_signal, Linux's __send_signal_locked: force for a fault, which even
   init may not ignore. send_signal is it with force false. */
int send_signal_forced(int sig, struct ksiginfo *info, struct proc *p, enum pid_type type,
                       bool force);
bool sig_handler_ignored_for(uint64_t handler, int sig);
int send_signal_from(int sig, struct proc *p, struct proc *sender);     /* to the process */
int send_sig(int sig, struct proc *p, struct proc *sender);             /* to the thread */
int group_send_sig_info(int sig, struct ksiginfo *info, struct proc *p,  /* checked */
                        enum pid_type type);
void prepare_kill_siginfo(struct ksiginfo *info, int code, struct proc *sender);
void recalc_sigpending(struct proc *p);
bool signal_pending(struct proc *p);
void force_sig_fault(int sig, int code, uint64_t addr);
void force_sig(int sig);
void force_sigsegv(int sig);
int kill_pgrp(int pgid, int sig, struct proc *sender);
long do_rt_sigqueueinfo(int pid, int sig, uint64_t uinfo, enum pid_type type);

/* sigqueue.c: the siginfo entries of pending sets */
void signal_init(void);
struct sigqueue *sigqueue_alloc(struct proc *p, bool override_rlimit);
void sigqueue_release(struct sigqueue *q);
void flush_signals(struct proc *p);
void flush_sigqueue_mask(struct proc *p, sigset_t mask);

/* deliver.c (lab 2) */
int dequeue_signal(struct proc *p, sigset_t mask, struct ksiginfo *info);
void do_signal(struct trapframe *tf);
bool is_orphaned_pgrp(int pgid);
bool will_become_orphaned_pgrp(int pgid, struct proc *ignored);
bool do_notify_parent_exit(struct proc *child, int wait_status);  /* false: reap it now */
void handle_signal(int sig, const struct k_sigaction *ka, const struct ksiginfo *info,
                   struct trapframe *tf);

/* restart.c (lab 5) */
void restart_before_handler(struct trapframe *tf, const struct k_sigaction *ka);
void restart_without_handler(struct trapframe *tf);

/* The restart functions of sleeping system calls (restart_block.fn): kern/sys_time.c
   (nanosleep, clock_nanosleep) and kern/sys_poll.c (poll). */
long restart_nanosleep(struct restart_block *rb);
long restart_poll(struct restart_block *rb);

/* frame_x86_64.c (lab 3) */
int setup_rt_frame(int sig, const struct k_sigaction *ka, const struct ksiginfo *info,
                   sigset_t oldmask, struct trapframe *tf);

/* syscalls.c */
void set_current_blocked(sigset_t set);
void restore_saved_sigmask(void);
long set_user_sigmask(uint64_t usigmask, size_t sigsetsize);  /* ppoll, pselect6 */
void restore_user_sigmask(long ret);
bool on_sig_stack(uint64_t sp);
uint32_t sas_ss_flags(uint64_t sp);
int do_sigaltstack(const struct stack_t_k *ss, uint64_t sp);   /* sigaltstack, sigreturn */

/* signalfd.c */
void signalfd_notify(struct proc *p);

/* lifecycle.c: a process's signal state at fork, exec and exit */
void signal_fork(struct proc *child, struct proc *parent);
void signal_exec(struct proc *p);
void signal_exit(struct proc *p);

/* itimer.c */
void itimer_tick(uint64_t now_ns);
void itimer_cpu_tick(struct proc *p);

static inline bool sig_kernel_only(int sig) { return sig == SIGKILL || sig == SIGSTOP; }
static inline bool sig_kernel_stop(int sig) { return sig < SIGRTMIN && (STOP_SIGNALS & sigmask(sig)); }
static inline bool sig_kernel_ignore(int sig)
{
    return sig < SIGRTMIN && (DEFAULT_IGNORE_SIGNALS & sigmask(sig));
}
static inline bool sig_kernel_coredump(int sig)
{
    return sig < SIGRTMIN && (COREDUMP_SIGNALS & sigmask(sig));
}

#endif
