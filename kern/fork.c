/*
 * Making processes: fork, vfork and clone, as Linux's kernel/fork.c does it
 * (kernel_clone, copy_process) for the flag sets C libraries use:
 *
 *   glibc fork()           clone(CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD, 0, 0, &tid)
 *   musl posix_spawn,      clone(CLONE_VM|CLONE_VFORK|SIGCHLD, own stack)
 *     system(), popen()
 *   vfork()                CLONE_VM|CLONE_VFORK, SIGCHLD
 *
 * siglab has one thread per process, so the flags that make threads (CLONE_THREAD,
 * CLONE_SIGHAND, CLONE_FILES, CLONE_FS) and namespaces are refused with EINVAL and
 * nothing is created. CLONE_VM alone is supported: the child is a process sharing
 * the parent's address space (kern/mm.c counts its users).
 */
#include "kern/proc.h"
#include "kern/file.h"
#include "kern/memlayout.h"
#include "kern/errno.h"
#include "kern/x86.h"
#include "kern/string.h"
#include "kern/uaccess.h"
#include "kern/syscall.h"

/* include/uapi/linux/sched.h */
#define CSIGNAL                 0x000000ffUL    /* the low byte: the exit signal */
#define CLONE_VM                0x00000100UL
#define CLONE_SIGHAND           0x00000800UL
#define CLONE_PTRACE            0x00002000UL
#define CLONE_VFORK             0x00004000UL
#define CLONE_THREAD            0x00010000UL
#define CLONE_SYSVSEM           0x00040000UL
#define CLONE_SETTLS            0x00080000UL
#define CLONE_PARENT_SETTID     0x00100000UL
#define CLONE_CHILD_CLEARTID    0x00200000UL
#define CLONE_DETACHED          0x00400000UL
#define CLONE_UNTRACED          0x00800000UL
#define CLONE_CHILD_SETTID      0x01000000UL
#define CLONE_IO                0x80000000UL

/* What we implement, plus what Linux accepts that changes nothing here: nobody traces
   (CLONE_PTRACE, CLONE_UNTRACED), no System V semaphores or I/O contexts, and
   CLONE_DETACHED, which legacy clone ignores. */
#define CLONE_SUPPORTED (CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                         CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_PTRACE |     \
                         CLONE_UNTRACED | CLONE_DETACHED | CLONE_SYSVSEM | CLONE_IO)

/* Linux's struct kernel_clone_args, the part we use. */
struct kernel_clone_args {
    uint64_t flags;             /* without the exit signal */
    int exit_signal;
    uint64_t stack;             /* the child's rsp; 0: the parent's */
    uint64_t parent_tid, child_tid, tls;
};

/* The rules of copy_process first (so the errno is Linux's), then ours. */
static long check_clone_flags(uint64_t flags)
{
    /* A thread group shares signal handlers, and shared handlers need a shared VM. */
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return -EINVAL;
    if (flags & ~CLONE_SUPPORTED)
        return -EINVAL;     /* threads, shared files/fs, namespaces: not here */
    return 0;
}

/* Store a tid in user memory, ignoring a bad address as Linux does (its put_user's
   result is not checked for CLONE_PARENT_SETTID, CLONE_CHILD_SETTID nor at exit). */
static void put_tid(struct mm *mm, uint64_t uaddr, pid_t tid)
{
    int32_t word = tid;
    (void)copy_to_mm(mm, uaddr, &word, sizeof(word));
}

/* Everything but the address space and the registers: files, cwd, signals, ids. */
static void copy_process_state(struct proc *child, struct proc *parent)
{
    for (int fd = 0; fd < NOFILE; fd++)
        if (parent->ofile[fd])
            child->ofile[fd] = file_dup(parent->ofile[fd]);
    child->cloexec = parent->cloexec;
    memcpy(child->cwd, parent->cwd, sizeof(child->cwd));
    child->umask = parent->umask;
    strlcpy(child->exe_path, parent->exe_path, sizeof(child->exe_path));
    memcpy(child->name, parent->name, sizeof(child->name));
    fxsave(child->fpu);     /* the parent's FPU state is in the registers, not in parent->fpu */
    child->fs_base = parent->fs_base;
    child->gs_base = parent->gs_base;
    child->pgid = parent->pgid;
    child->sid = parent->sid;
    child->cred = parent->cred;
    signal_fork(child, parent);
    child->parent = parent;
    list_add_tail(&child->sibling, &parent->children);
    child->parent_exec_id = parent->self_exec_id;
}

/* Linux copy_process: a user may own at most RLIMIT_NPROC processes (zombies count
   until reaped), but root - the real uid 0, or privilege - is never held to it. */
static bool over_nproc_limit(const struct proc *parent)
{
    uint32_t uid = parent->cred.uid.real;
    if (uid == 0 || cred_privileged(&parent->cred))
        return false;
    uint64_t owned = 0;
    for (const struct proc *p = proc_table; p < proc_table + NPROC; p++)
        owned += p->state != UNUSED && p->cred.uid.real == uid;
    return owned >= parent->rlimit[RLIMIT_NPROC].cur;
}

/* A copy of the caller, not yet runnable; or NULL with *err set. */
static struct proc *copy_process(const struct kernel_clone_args *args, long *err)
{
    struct proc *parent = current();
    *err = check_clone_flags(args->flags);
    if (*err)
        return 0;
    /* Linux's copy_thread: the new FS base must be a user address (ARCH_SET_FS). */
    if ((args->flags & CLONE_SETTLS) && args->tls >= USER_TOP) {
        *err = -EPERM;
        return 0;
    }
    /* A signal that arrived since the call began must be handled first; the call is
       then redone transparently. */
    if (signal_pending(parent)) {
        *err = -ERESTARTNOINTR;
        return 0;
    }
    if (over_nproc_limit(parent)) {
        *err = -EAGAIN;
        return 0;
    }
    struct proc *child = proc_alloc(err);
    if (!child)
        return 0;
    child->mm = (args->flags & CLONE_VM) ? mmget(parent->mm) : mm_dup(parent->mm);
    if (!child->mm) {
        proc_free(child);
        *err = -ENOMEM;
        return 0;
    }
    copy_process_state(child, parent);
    *child->tf = *parent->tf;
    child->tf->rax = 0;                 /* the child's clone returns 0 */
    if (args->stack)
        child->tf->rsp = args->stack;
    if (args->flags & CLONE_SETTLS)
        child->fs_base = args->tls;
    child->exit_signal = args->exit_signal;
    if (args->flags & CLONE_CHILD_CLEARTID)
        child->clear_child_tid = args->child_tid;
    /* Linux stores this when the child first runs (schedule_tail); nobody can look
       at the child's memory before then, so storing it now is the same. */
    if (args->flags & CLONE_CHILD_SETTID)
        put_tid(child->mm, args->child_tid, child->pid);
    return child;
}

/* The vfork parent sleeps until the child lets go of the address space. Only a fatal
   signal ends the wait early; other signals stay pending until after (Linux
   wait_for_vfork_done: TASK_KILLABLE). */
static void wait_for_vfork_done(struct proc *parent, struct proc *child)
{
    while (child->vfork_parent == parent) {
        if (sleep_killable(&child->vfork_parent)) {
            child->vfork_parent = 0;    /* nobody to wake any more */
            return;
        }
    }
}

static long kernel_clone(const struct kernel_clone_args *args)
{
    struct proc *parent = current();
    long err;
    struct proc *child = copy_process(args, &err);
    if (!child)
        return err;
    pid_t pid = child->pid;
    /* In the parent's memory, after the copy: a forked child does not see it. */
    if (args->flags & CLONE_PARENT_SETTID)
        put_tid(parent->mm, args->parent_tid, pid);
    if (args->flags & CLONE_VFORK)
        child->vfork_parent = parent;
    child->state = RUNNABLE;
    runq_add(child);
    if (args->flags & CLONE_VFORK)
        wait_for_vfork_done(parent, child);
    return pid;
}

/*
 * A process is done with an address space: it exits, or its execve replaced it
 * (Linux mm_release). If others still use the memory, CLONE_CHILD_CLEARTID's word
 * is zeroed for them to see (not after a core dump: the value is left for debugging);
 * a vfork parent waiting for this moment wakes up. There is no futex to wake: nothing
 * here can sleep on that word.
 */
void mm_release(struct proc *p, struct mm *mm, bool dumped)
{
    if (p->clear_child_tid && !dumped && mm->users > 1)
        put_tid(mm, p->clear_child_tid, 0);
    p->clear_child_tid = 0;
    if (p->vfork_parent) {
        p->vfork_parent = 0;
        wakeup(&p->vfork_parent);
    }
}

long sys_fork(void)
{
    struct kernel_clone_args args = { .exit_signal = SIGCHLD };
    return kernel_clone(&args);
}

/* The child runs in the parent's memory, on its stack, while the parent sleeps. */
long sys_vfork(void)
{
    struct kernel_clone_args args = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
    return kernel_clone(&args);
}

/* x86-64 argument order: flags, newsp, parent_tid, child_tid, tls. Only the low 32
   bits of flags count (the higher flags exist for clone3 only). */
long sys_clone(uint64_t flags, uint64_t newsp, uint64_t parent_tid, uint64_t child_tid,
               uint64_t tls)
{
    struct kernel_clone_args args = {
        .flags = (uint32_t)flags & ~CSIGNAL,
        .exit_signal = (int)(flags & CSIGNAL),
        .stack = newsp,
        .parent_tid = parent_tid,
        .child_tid = child_tid,
        .tls = tls,
    };
    return kernel_clone(&args);
}
