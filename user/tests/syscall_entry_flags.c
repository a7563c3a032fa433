// syscall_entry_flags: TF, NT, AC and DF set in user mode neither upset the kernel nor get lost
// lab: 0
//
// The syscall instruction clears the rflags bits in MSR_FMASK on the way in, and
// sysret/iret put the user's rflags back on the way out. siglab clears TF (or the
// kernel would single-step itself), NT (an iretq in the kernel would fault), AC
// and DF (the kernel's string copies run upwards). So, as on Linux:
//   - TF set just before `syscall`: the call works, and the single-step trap comes
//     after the first user instruction that follows it, not in the kernel;
//   - NT, AC or DF set across a system call (a plain one and a sleeping one): the
//     call works, write() copies its bytes in order, and the flags are still set.

#define _GNU_SOURCE     // REG_RIP, REG_EFL
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>

#include "sigtest.h"

#define EFLAGS_TF 0x100
#define EFLAGS_DF 0x400
#define EFLAGS_NT 0x4000
#define EFLAGS_AC 0x40000

static int traps;
static uint64_t trap_rip;

static void on_trap(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    if (traps++ == 0)
        trap_rip = uc->uc_mcontext.gregs[REG_RIP];
    uc->uc_mcontext.gregs[REG_EFL] &= ~EFLAGS_TF;   /* stop stepping */
}

extern const char syscall_insn[], after_syscall[];

static void trap_flag(void)
{
    struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };
    sigaction(SIGTRAP, &sa, NULL);
    long pid;
    asm volatile("pushfq; orq $0x100, (%%rsp); popfq\n"
                 "syscall_insn: syscall\n"
                 "after_syscall: nop"
                 : "=a"(pid) : "a"((long)SYS_getpid) : "rcx", "r11", "memory");
    check("TF: getpid works", pid == getpid(), 1);
    check("TF: one SIGTRAP", traps, 1);
    check("TF: it came after the instruction after syscall",
          trap_rip == (uint64_t)after_syscall + 1, 1);
}

// Run system call NR(a, b, c) with FLAG set in rflags; returns its result and sets
// *flags_after to rflags as the call left them.
static long syscall_with_flag(uint64_t flag, long nr, long a, long b, long c,
                              uint64_t *flags_after)
{
    long ret;
    uint64_t after;
    asm volatile("pushfq; orq %[flag], (%%rsp); popfq\n\t"
                 "syscall\n\t"
                 "pushfq; popq %[after]\n\t"
                 "pushfq; notq %[flag]; andq %[flag], (%%rsp); popfq"
                 : "=a"(ret), [after] "=&r"(after), [flag] "+r"(flag)
                 : "a"(nr), "D"(a), "S"(b), "d"(c)
                 : "rcx", "r11", "memory", "cc");
    *flags_after = after;
    return ret;
}

static void flag_survives(const char *name, uint64_t flag)
{
    char what[96];
    uint64_t after;
    struct timespec ts = { 0, 20 * 1000 * 1000 };

    fflush(stdout);
    snprintf(what, sizeof what, "%s: write() copies its bytes in order\n", name);
    long len = (long)strlen(what);
    long n = syscall_with_flag(flag, SYS_write, 1, (long)what, len, &after);
    snprintf(what, sizeof what, "%s: write returns its length", name);
    check(what, n, len);
    snprintf(what, sizeof what, "%s: still set after write", name);
    check(what, !!(after & flag), 1);
    snprintf(what, sizeof what, "%s: nanosleep 20 ms returns 0", name);
    check(what, syscall_with_flag(flag, SYS_nanosleep, (long)&ts, 0, 0, &after), 0);
    snprintf(what, sizeof what, "%s: still set after nanosleep", name);
    check(what, !!(after & flag), 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    trap_flag();
    flag_survives("NT", EFLAGS_NT);
    flag_survives("AC", EFLAGS_AC);
    flag_survives("DF", EFLAGS_DF);
    return failures != 0;
}
