/*
 * Processes. One thread each, so the process is also the unit of scheduling.
 */
#ifndef KERN_PROC_H
#define KERN_PROC_H

#include "kern/types.h"
#include "kern/vm.h"
#include "kern/trap/trapframe.h"
#include "kern/signal/signal.h"
#include "kern/cputime.h"
#include "kern/cred.h"
#include "kern/signal/posix_timer.h"
#include "kern/ptrace.h"
#include "kern/list.h"

/* Process table slots: room for 1,000 unreaped zombies and a hundred live processes.
   A zombie holds its slot only (its kernel stack and address space go at exit), and
   a slot is sizeof(struct proc), about 6 KiB: 6.4 MiB of the 128 MiB QEMU gives us.
   (Linux's limit, threads-max, comes from memory instead: RAM / (8 * THREAD_SIZE),
   about 1,000 tasks in 128 MiB; kern/sys_rlimit.c.) */
#define NPROC       1100
#define NOFILE      64
#define KSTACK_SIZE 16384
#define PATH_MAX    256

/* STOPPED: by SIGSTOP/SIGTSTP/SIGTTIN/SIGTTOU until SIGCONT or SIGKILL (job control).
   TRACED: stopped for the tracer until it resumes us or SIGKILL (kern/ptrace.h). */
enum procstate { UNUSED, EMBRYO, RUNNABLE, RUNNING, SLEEPING, STOPPED, TRACED, ZOMBIE };

/* Registers swtch() saves: the callee-saved ones and the return address. */
struct context {
    uint64_t r15, r14, r13, r12, rbx, rbp, rip;
};

/* Why a sleep ended. */
enum wake_reason { WAKE_EVENT, WAKE_TIMEOUT, WAKE_SIGNAL };

struct file;
struct inode;

struct proc {
    enum procstate state;
    pid_t pid;
    pid_t pgid;                 /* process group (job control) */
    pid_t sid;                  /* session */
    struct proc *parent;
    struct list_head children;  /* our children, oldest first (Linux's children list) */
    struct list_head sibling;   /* our place on our parent's */
    struct list_head pid_chain; /* on our pid's bucket of the pid hash (proc_find) */
    char name[16];              /* last path component of the executable (prctl may rename) */
    char exe_path[PATH_MAX];    /* the executable, for readlink("/proc/self/exe") */
    int wait_status;            /* Linux wait status, valid once ZOMBIE */
    bool did_exec;              /* setpgid on a child that has exec'd: EACCES */
    struct cred cred;           /* user and group ids (kern/cred.c); init's are root's */

    /* sleeping */
    void *chan;                 /* what we wait for (any unique address) */
    uint64_t deadline_ns;       /* wake up by then even without an event (0: never) */
    enum wake_reason wake_reason;

    /* scheduling (kern/sched.c) */
    struct list_head run_list;  /* on the run queue: RUNNABLE, waiting for the CPU */
    struct list_head sleep_list;    /* on the sleepers' list while SLEEPING */

    /* kernel stack and saved state; none once a zombie (kern/kstack.c) */
    uint8_t *kstack;            /* lowest address; the trapframe sits at the very top */
    struct trapframe *tf;
    struct context *context;

    struct mm *mm;              /* shared with the parent after vfork/CLONE_VM */
    struct cpu_usage usage;     /* CPU time and the rest of getrusage (kern/cputime.c) */
    struct k_itimer posix_timers[POSIX_TIMER_MAX];  /* timer_create's (kern/signal/posix_timer.c) */
    struct file *ofile[NOFILE];
    uint64_t cloexec;           /* bit n: close fd n on execve */
    char cwd[PATH_MAX];
    uint32_t umask;             /* taken from O_CREAT and mkdir modes */

    uint64_t fs_base, gs_base;  /* user FS/GS bases (arch_prctl) */
    uint64_t clear_child_tid;   /* set_tid_address, CLONE_CHILD_CLEARTID */
    int exit_signal;            /* sent to the parent at our death: SIGCHLD, or clone's choice */
    uint32_t self_exec_id;      /* counts our execs */
    uint32_t parent_exec_id;    /* the parent's self_exec_id when it made us */
    struct proc *vfork_parent;  /* CLONE_VFORK: it sleeps until we exec or exit */
    uint8_t fpu[512] __attribute__((aligned(16)));  /* fxsave image of the user FPU/SSE state */
    struct fault_state fault;   /* the last user fault (kern/trap/trapframe.h) */

    struct signal_state sig;    /* kern/signal/ */
    struct ptrace_state ptrace; /* kern/ptrace.c: who traces us, and our stop */
    struct rlimit_k rlimit[RLIMIT_NLIMITS];
};

/* The CPU: %gs points here while in the kernel. entry.S knows the first two offsets. */
struct cpu {
    uint64_t kernel_rsp;        /* 0: top of the current process's kernel stack */
    uint64_t user_rsp;          /* 8: scratch for syscall_entry */
    struct proc *proc;          /* the running process, or NULL in the scheduler */
    struct context *scheduler;  /* swtch() here to get back to the scheduler loop */
};

extern struct cpu cpu;
extern struct proc proc_table[NPROC];
extern struct proc *initproc;

static inline struct proc *current(void) { return cpu.proc; }

void proc_init(void);
struct proc *proc_alloc(long *err);
void proc_free(struct proc *p);
void proc_free_kstack(struct proc *p);
struct proc *proc_find(pid_t pid);
noreturn void do_exit(int wait_status);
void start_init(const char *path, char *const argv[]);

/* kern/fork.c */
void mm_release(struct proc *p, struct mm *mm, bool dumped);

/* scheduling */
noreturn void scheduler(void);
void sched(void);
void yield(void);
void runq_add(struct proc *p);
enum wake_reason sleep_on(void *chan, uint64_t deadline_ns);
bool sleep_killable(void *chan);
void wakeup(void *chan);
void wake_expired_sleepers(uint64_t now_ns);
void swtch(struct context **old, struct context *new);

/* Wait statuses as Linux encodes them (wait(2), WIFEXITED and friends). */
#define W_EXITCODE(code)    (((code) & 0xff) << 8)
#define W_SIGNALED(sig)     ((sig) & 0x7f)
#define W_COREFLAG          0x80    /* with W_SIGNALED: a core was dumped (WCOREDUMP) */
#define W_STOPCODE(sig)     (((sig) << 8) | 0x7f)   /* stopped (WIFSTOPPED), or a ptrace stop */
#define W_CONTINUED         0xffff                  /* WIFCONTINUED */

static inline int w_termsig(int st) { return st & 0x7f; }           /* WTERMSIG; 0: exited */
static inline int w_exitstatus(int st) { return (st >> 8) & 0xff; } /* WEXITSTATUS */

/* A death as SIGCHLD's siginfo and waitid tell it: CLD_EXITED and the exit code, or
   CLD_KILLED / CLD_DUMPED and the signal. */
static inline int w_cld_code(int st)
{
    return !w_termsig(st) ? CLD_EXITED : (st & W_COREFLAG) ? CLD_DUMPED : CLD_KILLED;
}
static inline int w_cld_status(int st)
{
    return w_termsig(st) ? w_termsig(st) : w_exitstatus(st);
}

void rlimit_init(struct proc *p);   /* init's limits, Linux's defaults (kern/sys_rlimit.c) */

#endif
