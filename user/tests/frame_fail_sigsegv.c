// frame_fail_sigsegv: an unwritable frame turns the signal into SIGSEGV, which a handler can catch
// lab: 3
//
// When a frame for SIGUSR1 cannot be written (its SA_ONSTACK altstack is
// PROT_NONE), the kernel sends SIGSEGV in its place. That SIGSEGV is an
// ordinary forced signal: if its own handler can run (it has no SA_ONSTACK, so
// it uses the normal stack), it does, with si_code SI_KERNEL, and sees the
// context where SIGUSR1 was to be delivered. The SIGUSR1 is gone: its handler
// never runs. If the SIGSEGV handler cannot be set up either (SA_ONSTACK on the
// same bad altstack), the process dies.
//
// The SIGSEGV handler leaves by siglongjmp: the test does not need sigreturn.

#define _GNU_SOURCE     // REG_RIP
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

#define ALT_SIZE 65536

static sigjmp_buf env;
static int usr1_ran, segv_ran, segv_code, segv_pid, segv_addr_null;
static uint64_t segv_rip;

static void on_usr1(int sig)
{
    (void)sig;
    usr1_ran++;
}

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    segv_ran++;
    segv_code = info->si_code;
    segv_pid = info->si_pid;
    segv_addr_null = info->si_addr == NULL;
    segv_rip = uc->uc_mcontext.gregs[REG_RIP];
    siglongjmp(env, 1);
}

extern const char after_kill[];

__attribute__((noinline)) static void send_usr1(void)
{
    pid_t self = getpid();
    asm volatile("mov $62, %%eax\n\t"
                 "syscall\n"
                 "after_kill:"
                 : : "D"((long)self), "S"((long)SIGUSR1)
                 : "rax", "rcx", "r11", "memory");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction usr1 = { .sa_handler = on_usr1, .sa_flags = SA_ONSTACK };
    struct sigaction segv = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    struct rlimit nocore = { 0, 0 };
    sigset_t empty;
    int status;

    setrlimit(RLIMIT_CORE, &nocore);
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    char *none = mmap(NULL, ALT_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    stack_t ss = { .ss_sp = none, .ss_size = ALT_SIZE, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    sigaction(SIGUSR1, &usr1, NULL);
    sigaction(SIGSEGV, &segv, NULL);

    if (sigsetjmp(env, 1) == 0) {
        send_usr1();
        printf("neither handler ran\n");
        return 1;
    }
    check("SIGUSR1 handler did not run", usr1_ran, 0);
    check("SIGSEGV handler ran instead", segv_ran, 1);
    check("its si_code is SI_KERNEL", segv_code, SI_KERNEL);
    check("its si_pid is 0", segv_pid, 0);
    check("its si_addr is NULL", segv_addr_null, 1);
    check("its rip is where SIGUSR1 was due (after the kill syscall)",
          segv_rip == (uint64_t)after_kill, 1);
    check("SIGUSR1 is not pending any more", is_pending(SIGUSR1), 0);

    pid_t pid = fork();
    if (pid == 0) {
        segv.sa_flags |= SA_ONSTACK;
        sigaction(SIGSEGV, &segv, NULL);
        send_usr1();
        _exit(3);
    }
    waitpid(pid, &status, 0);
    check("with SIGSEGV also on the bad altstack: killed by SIGSEGV",
          WIFSIGNALED(status) ? WTERMSIG(status) : -WEXITSTATUS(status), SIGSEGV);
    return failures != 0;
}
