/*
 * The system call table: Linux x86-64 numbers (arch/x86/entry/syscalls/syscall_64.tbl).
 *
 * Arguments arrive in rdi, rsi, rdx, r10, r8, r9 (r10, not rcx: the syscall instruction
 * overwrote rcx with the return address); the result goes back in rax. A number we do
 * not implement returns -ENOSYS, and the program carries on, as on Linux.
 *
 * With "strace" on the kernel command line every call is logged, strace-style.
 */
#include "kern/syscall.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/printk.h"
#include "kern/trap/traps.h"
#include "kern/ptrace.h"

typedef long (*syscall_fn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

struct syscall_entry {
    const char *name;
    syscall_fn fn;
};

/* Each implementation takes its real argument types; the call passes six registers. */
/* The entries have many signatures, so the table casts each to one type. What keeps
   them honest is kern/syscall.h: every file defining a sys_ function includes it
   (-Wmissing-prototypes insists), so a definition that strays from its prototype
   there does not compile. */
#define SYSCALL(nr, fn) [nr] = { #fn, (syscall_fn)(void (*)(void))sys_##fn }
#define SYSCALL_AS(nr, name, fn) [nr] = { name, (syscall_fn)(void (*)(void))fn }

static const struct syscall_entry syscalls[] = {
    SYSCALL(0, read),
    SYSCALL(1, write),
    SYSCALL(2, open),
    SYSCALL(3, close),
    SYSCALL(4, stat),
    SYSCALL(5, fstat),
    SYSCALL(6, lstat),
    SYSCALL(7, poll),
    SYSCALL(8, lseek),
    SYSCALL(9, mmap),
    SYSCALL(10, mprotect),
    SYSCALL(11, munmap),
    SYSCALL(12, brk),
    SYSCALL(13, rt_sigaction),
    SYSCALL(14, rt_sigprocmask),
    SYSCALL(15, rt_sigreturn),
    SYSCALL(16, ioctl),
    SYSCALL(17, pread64),
    SYSCALL(18, pwrite64),
    SYSCALL(19, readv),
    SYSCALL(20, writev),
    SYSCALL(21, access),
    SYSCALL(22, pipe),
    SYSCALL(23, select),
    SYSCALL(24, sched_yield),
    SYSCALL(28, madvise),
    SYSCALL(32, dup),
    SYSCALL(33, dup2),
    SYSCALL(34, pause),
    SYSCALL(35, nanosleep),
    SYSCALL(36, getitimer),
    SYSCALL(37, alarm),
    SYSCALL(38, setitimer),
    SYSCALL(39, getpid),
    SYSCALL(56, clone),
    SYSCALL(57, fork),
    SYSCALL(58, vfork),
    SYSCALL(59, execve),
    SYSCALL(60, exit),
    SYSCALL(61, wait4),
    SYSCALL(62, kill),
    SYSCALL(63, uname),
    SYSCALL(72, fcntl),
    SYSCALL(74, fsync),
    SYSCALL_AS(75, "fdatasync", sys_fsync),
    SYSCALL(76, truncate),
    SYSCALL(77, ftruncate),
    SYSCALL(79, getcwd),
    SYSCALL(80, chdir),
    SYSCALL(81, fchdir),
    SYSCALL(82, rename),
    SYSCALL(83, mkdir),
    SYSCALL(84, rmdir),
    SYSCALL(85, creat),
    SYSCALL(86, link),
    SYSCALL(87, unlink),
    SYSCALL(88, symlink),
    SYSCALL(89, readlink),
    SYSCALL(90, chmod),
    SYSCALL(91, fchmod),
    SYSCALL(92, chown),
    SYSCALL(93, fchown),
    SYSCALL(94, lchown),
    SYSCALL(95, umask),
    SYSCALL(96, gettimeofday),
    SYSCALL(97, getrlimit),
    SYSCALL(98, getrusage),
    SYSCALL(99, sysinfo),
    SYSCALL(100, times),
    SYSCALL(102, getuid),
    SYSCALL(104, getgid),
    SYSCALL(105, setuid),
    SYSCALL(106, setgid),
    SYSCALL(107, geteuid),
    SYSCALL(108, getegid),
    SYSCALL(109, setpgid),
    SYSCALL(101, ptrace),
    SYSCALL(110, getppid),
    SYSCALL(111, getpgrp),
    SYSCALL(112, setsid),
    SYSCALL(113, setreuid),
    SYSCALL(114, setregid),
    SYSCALL(115, getgroups),
    SYSCALL(116, setgroups),
    SYSCALL(117, setresuid),
    SYSCALL(118, getresuid),
    SYSCALL(119, setresgid),
    SYSCALL(120, getresgid),
    SYSCALL(121, getpgid),
    SYSCALL(122, setfsuid),
    SYSCALL(123, setfsgid),
    SYSCALL(124, getsid),
    SYSCALL(127, rt_sigpending),
    SYSCALL(128, rt_sigtimedwait),
    SYSCALL(129, rt_sigqueueinfo),
    SYSCALL(130, rt_sigsuspend),
    SYSCALL(131, sigaltstack),
    SYSCALL(137, statfs),
    SYSCALL(138, fstatfs),
    SYSCALL(157, prctl),
    SYSCALL(158, arch_prctl),
    SYSCALL(160, setrlimit),
    SYSCALL(169, reboot),
    SYSCALL(186, gettid),
    SYSCALL(200, tkill),
    SYSCALL(201, time),
    SYSCALL(217, getdents64),
    SYSCALL(218, set_tid_address),
    SYSCALL(219, restart_syscall),
    SYSCALL(222, timer_create),
    SYSCALL(223, timer_settime),
    SYSCALL(224, timer_gettime),
    SYSCALL(225, timer_getoverrun),
    SYSCALL(226, timer_delete),
    SYSCALL(228, clock_gettime),
    SYSCALL(229, clock_getres),
    SYSCALL(230, clock_nanosleep),
    SYSCALL(231, exit_group),
    SYSCALL(234, tgkill),
    SYSCALL(247, waitid),
    SYSCALL(257, openat),
    SYSCALL(258, mkdirat),
    SYSCALL(260, fchownat),
    SYSCALL(262, newfstatat),
    SYSCALL(263, unlinkat),
    SYSCALL(264, renameat),
    SYSCALL(265, linkat),
    SYSCALL(266, symlinkat),
    SYSCALL(267, readlinkat),
    SYSCALL(268, fchmodat),
    SYSCALL(269, faccessat),
    SYSCALL(270, pselect6),
    SYSCALL(271, ppoll),
    SYSCALL(273, set_robust_list),
    SYSCALL(280, utimensat),
    SYSCALL(282, signalfd),
    SYSCALL(289, signalfd4),
    SYSCALL(292, dup3),
    SYSCALL(293, pipe2),
    SYSCALL(297, rt_tgsigqueueinfo),
    SYSCALL(302, prlimit64),
    SYSCALL(316, renameat2),
    SYSCALL(318, getrandom),
    SYSCALL(332, statx),
    SYSCALL(424, pidfd_send_signal),
    SYSCALL(434, pidfd_open),
    SYSCALL(439, faccessat2),
};

bool strace_enabled;

/* nr: the call as made (rt_sigreturn, for one, sets orig_rax to -1). */
static void strace_log(const struct trapframe *tf, uint64_t nr)
{
    struct proc *p = current();
    const char *name = nr < ARRAY_SIZE(syscalls) ? syscalls[nr].name : 0;
    if (name)
        printk("[%d %s] %s(%lx, %lx, %lx, %lx) = %ld\n", p->pid, p->name, name,
               tf->rdi, tf->rsi, tf->rdx, tf->r10, (long)tf->rax);
    else    /* not implemented: its number, to look up in syscall_64.tbl */
        printk("[%d %s] syscall_%ld(%lx, %lx, %lx, %lx) = %ld\n", p->pid, p->name,
               (long)nr, tf->rdi, tf->rsi, tf->rdx, tf->r10, (long)tf->rax);
}

/*
 * The last system calls made, oldest first, for the panic message: when a fuzzer or a
 * student's program brings the kernel down, the calls that led there are on screen.
 * Every call pays for this, so a record is just who called what (two stores); the
 * arguments are shown for the call in progress, from its trapframe.
 */
#define HISTORY 8       /* a power of two: the index wraps with an and */
struct syscall_record {
    pid_t pid;
    uint64_t nr;
};
static struct syscall_record history[HISTORY];
static unsigned history_next;

static void remember_syscall(const struct proc *p, const struct trapframe *tf)
{
    history[history_next++ % HISTORY] = (struct syscall_record){ p->pid, tf->orig_rax };
}

/* The function for call nr, with the arguments from the registers the ABI puts them
   in (rdi, rsi, rdx, r10, r8, r9: r10, not rcx, which the syscall instruction took). */
static inline long invoke_syscall(uint64_t nr, const struct trapframe *tf)
{
    syscall_fn fn = nr < ARRAY_SIZE(syscalls) ? syscalls[nr].fn : 0;
    return fn ? fn(tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9) : -ENOSYS;
}

static const char *syscall_name(uint64_t nr)
{
    const char *name = nr < ARRAY_SIZE(syscalls) ? syscalls[nr].name : 0;
    return name ? name : "?";
}

void print_syscall_history(void)
{
    unsigned n = MIN(history_next, HISTORY);
    if (n)
        printk("  the last %u system calls, oldest first:\n", n);
    for (unsigned i = history_next - n; i != history_next; i++) {
        const struct syscall_record *h = &history[i % HISTORY];
        printk("    pid %d: %s  [syscall %ld]\n", h->pid, syscall_name(h->nr), (long)h->nr);
    }
    struct proc *p = current();
    const struct trapframe *tf = p ? p->tf : 0;
    if (tf && tf->vector == TRAP_SYSCALL && tf->orig_rax != (uint64_t)-1)
        printk("  in system call: pid %d: %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n", p->pid,
               syscall_name(tf->orig_rax), tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9);
}

/* The slow way through a call, for a process under PTRACE_SYSCALL or a kernel booted
   with strace: out of line, so the common way pays only for the test. */
static __attribute__((noinline)) void syscall_traced(struct trapframe *tf)
{
    struct proc *p = current();
    /* A tracer may stop us here and rewrite the call, or skip it (rax is then its
       result): read the call only afterwards. */
    bool skip = syscall_stops_wanted(&p->ptrace) && ptrace_report_syscall_entry(tf);
    uint64_t nr = tf->orig_rax;
    if (!skip)
        tf->rax = invoke_syscall(nr, tf);
    if (strace_enabled)
        strace_log(tf, nr);
    if (syscall_stops_wanted(&p->ptrace))     /* (a tracer may have come or gone) */
        ptrace_report_syscall_exit(tf);
}

/* entry.S's syscall_entry calls this with the registers saved in *tf; what it returns
   tells entry.S whether the way back may use sysretq (prepare_exit_to_user). */
int syscall_dispatch(struct trapframe *tf)
{
    struct proc *p = current();
    remember_syscall(p, tf);
    cputime_enter_kernel(&p->usage);
    if (syscall_stops_wanted(&p->ptrace) || strace_enabled)
        syscall_traced(tf);
    else
        tf->rax = invoke_syscall(tf->orig_rax, tf);
    return prepare_exit_to_user(tf);
}
