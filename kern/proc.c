/*
 * The process table and a process's life: allocation, exit (fork: kern/fork.c; wait:
 * kern/wait.c).
 */
#include "kern/proc.h"
#include "kern/file.h"
#include "kern/exec.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/panic.h"
#include "kern/printk.h"
#include "kern/pidfd.h"
#include "kern/uaccess.h"
#include "kern/x86.h"
#include "kern/kstack.h"
#include "kern/signal/trace.h"
#include "kern/syscall.h"


struct proc proc_table[NPROC];
struct proc *initproc;

static pid_t next_pid = 1;

/* pid -> process without scanning the table, as Linux's pid hash (ULK 3.2.2.5,
   "The pidhash table and chained lists"): kill(pid) costs the same with 1,000
   zombies about. Every allocated process is on its pid's bucket. */
#define PIDHASH_SIZE 256
static struct list_head pid_hash[PIDHASH_SIZE];

static struct list_head *pid_bucket(pid_t pid)
{
    return &pid_hash[(uint32_t)pid % PIDHASH_SIZE];
}

/* The FPU state a fresh process starts with: x87 control word 0x37f, MXCSR 0x1f80
   (all exceptions masked), as on Linux. Captured once at boot. */
static uint8_t initial_fpu[512] __attribute__((aligned(16)));

void proc_init(void)
{
    uint32_t mxcsr = 0x1f80;
    __asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
    fxsave(initial_fpu);
    kstack_init();
    for (int i = 0; i < PIDHASH_SIZE; i++)
        list_init(&pid_hash[i]);
}

void proc_reset_fpu(struct proc *p)
{
    memcpy(p->fpu, initial_fpu, sizeof(p->fpu));
}

void fpu_load_initial(void)
{
    fxrstor(initial_fpu);
}

static struct proc *free_slot(void)
{
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state == UNUSED)
            return p;
    return 0;
}

/* A new process, EMBRYO, with its kernel stack; or NULL with *err -EAGAIN (the
   table is full: Linux's threads-max) or -ENOMEM (no pages for the stack). */
struct proc *proc_alloc(long *err)
{
    extern char return_to_user[];
    struct proc *p = free_slot();
    if (!p) {
        *err = -EAGAIN;
        return 0;
    }
    uint8_t *kstack = kstack_alloc(p - proc_table);
    if (!kstack) {
        *err = -ENOMEM;
        return 0;
    }
    memset(p, 0, sizeof(*p));
    p->state = EMBRYO;
    p->pid = next_pid++;
    list_init(&p->run_list);
    list_init(&p->sleep_list);
    list_init(&p->children);
    list_init(&p->sibling);
    list_add_tail(&p->pid_chain, pid_bucket(p->pid));
    p->kstack = kstack;
    p->tf = (struct trapframe *)(p->kstack + KSTACK_SIZE) - 1;
    /* The first swtch() into p "returns" to return_to_user with %rsp at p->tf:
       the context sits right below the trapframe. */
    p->context = (struct context *)p->tf - 1;
    p->context->rip = (uint64_t)return_to_user;
    proc_reset_fpu(p);
    return p;
}

/* Give back p's kernel stack. A process that exits is still running on it, so for
   it this happens in the scheduler, once swtch() has left that stack for good (as
   Linux's finish_task_switch frees a dead task's stack after the switch away); a
   process that never ran (a failed fork) has its stack freed by proc_free. */
void proc_free_kstack(struct proc *p)
{
    if (!p->kstack)
        return;
    kstack_free(p - proc_table);
    p->kstack = 0;
    p->tf = 0;          /* both pointed into the stack */
    p->context = 0;
}

void proc_free(struct proc *p)
{
    if (p != current())
        proc_free_kstack(p);
    list_del(&p->run_list);     /* (list_del leaves an unlinked node as it is) */
    list_del(&p->sibling);      /* off its parent's list (its own is empty: reparented) */
    if (p->ptrace.tracer)
        ptrace_unlink(p);
    list_del(&p->pid_chain);
    p->state = UNUSED;
    p->pid = 0;
    p->parent = 0;
}

struct proc *proc_find(pid_t pid)
{
    if (pid <= 0)
        return 0;
    struct list_head *bucket = pid_bucket(pid);
    for (struct list_head *n = bucket->next; n != bucket; n = n->next) {
        struct proc *p = list_entry(n, struct proc, pid_chain);
        if (p->pid == pid)
            return p;
    }
    return 0;
}

static bool has_stopped_jobs(int pgid)
{
    for (struct proc *q = proc_table; q < proc_table + NPROC; q++)
        if (q->state == STOPPED && q->pgid == pgid)
            return true;
    return false;
}

/*
 * POSIX: when a process group becomes orphaned and has stopped members, nobody could
 * ever continue them, so each gets SIGHUP then SIGCONT (Linux kill_orphaned_pgrp).
 * p is a process whose departure (exit, or its parent's exit) may orphan its group;
 * parent is the process on the other side of the broken link.
 */
static void kill_orphaned_pgrp(struct proc *p, struct proc *parent, struct proc *ignored)
{
    if (parent->pgid != p->pgid && parent->sid == p->sid &&
        will_become_orphaned_pgrp(p->pgid, ignored) && has_stopped_jobs(p->pgid)) {
        kill_pgrp(p->pgid, SIGHUP, 0);
        kill_pgrp(p->pgid, SIGCONT, 0);
    }
}

/* Give p's children to init (Linux re-parents orphans to the "child reaper"). */
static void reparent_children(struct proc *p)
{
    while (!list_empty(&p->children)) {
        struct proc *q = list_entry(p->children.next, struct proc, sibling);
        list_del(&q->sibling);
        list_add_tail(&q->sibling, &initproc->children);
        q->parent = initproc;
        q->exit_signal = SIGCHLD;   /* Linux reparent_leader: "don't slay init" */
        kill_orphaned_pgrp(q, p, 0);
        if (q->state == ZOMBIE)
            wakeup(initproc);
    }
}

/* Linux panics too ("Attempted to kill init!"): nothing would reap orphans. */
static noreturn void panic_init_died(int wait_status)
{
    int sig = w_termsig(wait_status);
    if (sig)
        panic("do_exit: init (pid 1) killed by %s%s; init must never die", signame(sig),
              wait_status & W_COREFLAG ? " (core dumped)" : "");
    panic("do_exit: init (pid 1) exited with status %d; init must never exit",
          (wait_status >> 8) & 0xff);
}

noreturn void do_exit(int wait_status)
{
    struct proc *p = current();
    if (p == initproc)
        panic_init_died(wait_status);
    for (int fd = 0; fd < NOFILE; fd++)
        if (p->ofile[fd]) {
            file_close(p->ofile[fd]);
            p->ofile[fd] = 0;
        }
    /* Leave the address space before letting go of it: a vfork parent may still
       need it, and wakes up now. */
    vm_switch_kernel();
    cputime_note_rss(p);
    mm_release(p, p->mm, wait_status & W_COREFLAG);
    mmput(p->mm);
    p->mm = 0;
    signal_exit(p);
    exit_ptrace(p);     /* our tracees: killed (PTRACE_O_EXITKILL) or let go */
    reparent_children(p);
    kill_orphaned_pgrp(p, p->parent, p);
    p->wait_status = wait_status;
    p->state = ZOMBIE;
    pidfd_notify_exit(p);       /* its pidfds poll readable now */
    /* Tell the parent (SIGCHLD). If it said it will never wait, nobody needs the
       zombie: free it now. (The kernel stack we are on stays: the scheduler frees it
       once we have switched away, and nobody takes the slot before that.) */
    if (!ptrace_exit_notify(p, wait_status) && do_notify_parent_exit(p, wait_status))
        proc_free(p);
    sched();
    panic("do_exit: zombie %d was scheduled", p->pid);
}

long sys_exit(int code)
{
    do_exit(W_EXITCODE(code));
}

/* Create pid 1 and load the init program into it. */
void start_init(const char *path, char *const argv[])
{
    long err = 0;
    struct proc *p = proc_alloc(&err);
    if (!p || p->pid != 1)
        panic("start_init: cannot allocate pid 1");
    initproc = p;
    p->pgid = p->sid = 1;
    rlimit_init(p);
    strlcpy(p->cwd, "/", sizeof(p->cwd));
    p->umask = 022;
    if (console_open_stdio(p) < 0)
        panic("start_init: cannot open /dev/console");

    static char *const envp[] = { 0 };
    struct exec_args *a = exec_args_from_kernel(argv, envp);
    err = a ? exec_into(p, path, path, a) : -E2BIG;
    if (err < 0)
        panic("start_init: cannot run %s (error %ld); is it in the initrd?", path, -err);
    p->state = RUNNABLE;
    runq_add(p);
}
