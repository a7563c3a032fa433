// sources: kern/signal/restart.c
/*
 * System call restart, every cell of the table in kern/signal/restart.c (ULK 11,
 * "Reexecution of System Calls"): for each code a blocking call can return and each
 * thing that can happen to the signal, what rax and rip are when the process resumes.
 * The user tests (user/tests/restart_*) see the same table from outside, but no user
 * program can make every cell happen on demand; fork's -ERESTARTNOINTR, for one, needs
 * a signal to arrive in the middle of the fork.
 */
#include "tests/unit/check.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/signal/syscall_x86_64.h"

struct cpu cpu;
static struct proc proc;

/* sigtrace is off here: the hook (trace.h) never calls its printer. */
bool sigtrace_enabled;
void trace_restart(long nr, long ret, const char *decision)
{
    (void)nr, (void)ret, (void)decision;
}

enum outcome { NO_HANDLER, HANDLER, HANDLER_SA_RESTART };

#define NR_read     0
#define SYSCALL_RIP 0x401002    /* the instruction after the interrupted `syscall` */

/* What the process resumes with after a system call (orig_rax nr) returned ret. */
static struct trapframe resume(long nr, long ret, enum outcome what)
{
    struct trapframe tf = { 0 };
    tf.orig_rax = (uint64_t)nr;
    tf.rax = (uint64_t)ret;
    tf.rip = SYSCALL_RIP;
    struct k_sigaction ka = { 0 };
    ka.flags = what == HANDLER_SA_RESTART ? SA_RESTART : 0;
    if (what == NO_HANDLER)
        restart_without_handler(&tf);
    else
        restart_before_handler(&tf, &ka);
    return tf;
}

/* The call fails with EINTR: rax = -EINTR, rip untouched. */
static void check_eintr(long ret, enum outcome what, int line)
{
    struct trapframe tf = resume(NR_read, ret, what);
    if (!check_report(tf.rax == (uint64_t)-EINTR && tf.rip == SYSCALL_RIP, __FILE__, line,
                      "expected EINTR"))
        printf("    ret %ld, outcome %d: rax %ld rip %#lx\n", ret, what, (long)tf.rax,
               (unsigned long)tf.rip);
}

/* The call runs again (restart_nr: the same call, or restart_syscall): rax holds the
   number and rip is back on the 2-byte syscall instruction. */
static void check_restart(long ret, enum outcome what, long restart_nr, int line)
{
    struct trapframe tf = resume(NR_read, ret, what);
    if (!check_report(tf.rax == (uint64_t)restart_nr && tf.rip == SYSCALL_RIP - 2, __FILE__,
                      line, "expected a restart"))
        printf("    ret %ld, outcome %d: rax %ld rip %#lx\n", ret, what, (long)tf.rax,
               (unsigned long)tf.rip);
}

#define EINTR_(ret, what)         check_eintr(ret, what, __LINE__)
#define RESTART(ret, what)        check_restart(ret, what, NR_read, __LINE__)
#define RESTART_BLOCK(ret, what)  check_restart(ret, what, NR_restart_syscall, __LINE__)

int main(void)
{
    cpu.proc = &proc;

    /*                      no handler ran                 handler, no SA_RESTART
                                                               handler with SA_RESTART */
    RESTART(-ERESTARTSYS, NO_HANDLER);
    EINTR_(-ERESTARTSYS, HANDLER);
    RESTART(-ERESTARTSYS, HANDLER_SA_RESTART);

    RESTART(-ERESTARTNOINTR, NO_HANDLER);
    RESTART(-ERESTARTNOINTR, HANDLER);
    RESTART(-ERESTARTNOINTR, HANDLER_SA_RESTART);

    RESTART(-ERESTARTNOHAND, NO_HANDLER);
    EINTR_(-ERESTARTNOHAND, HANDLER);
    EINTR_(-ERESTARTNOHAND, HANDLER_SA_RESTART);

    RESTART_BLOCK(-ERESTART_RESTARTBLOCK, NO_HANDLER);
    EINTR_(-ERESTART_RESTARTBLOCK, HANDLER);
    EINTR_(-ERESTART_RESTARTBLOCK, HANDLER_SA_RESTART);

    /* Anything else a system call returns is left alone, whatever happens. */
    long others[] = { 0, 42, -EINTR, -EAGAIN, -515 /* not a restart code */, -517 };
    for (unsigned i = 0; i < sizeof(others) / sizeof(others[0]); i++)
        for (int what = NO_HANDLER; what <= HANDLER_SA_RESTART; what++) {
            struct trapframe tf = resume(NR_read, others[i], what);
            CHECK_EQ((long)tf.rax, others[i]);
            CHECK_EQ(tf.rip, SYSCALL_RIP);
        }

    /* Not in a system call (an interrupt or fault, orig_rax = -1): rax is the user's
       own value, which may happen to equal a restart code. */
    for (int what = NO_HANDLER; what <= HANDLER_SA_RESTART; what++) {
        struct trapframe tf = resume(-1, -ERESTARTSYS, what);
        CHECK_EQ((long)tf.rax, -ERESTARTSYS);
        CHECK_EQ(tf.rip, SYSCALL_RIP);
    }
    return check_summary();
}
