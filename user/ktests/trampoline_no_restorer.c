// trampoline_no_restorer: a handler set without SA_RESTORER returns through the kernel's trampoline
// lab: 4
//
// siglab only. Linux x86-64 has no fallback for a handler installed without
// SA_RESTORER (the process gets SIGSEGV when the signal is delivered);
// siglab instead points the frame's return address at its trampoline page
// (docs/design.md section 4): one page, mapped read+execute into every process,
// starting with 48 c7 c0 0f 00 00 00 0f 05 (mov $15, %rax; syscall). The
// sa_restorer field is ignored when the flag is clear, whatever it holds.
// Checked: for a kill()ed signal and for a fault (ud2), the handler runs, its
// return address is a page start holding exactly those bytes, and the
// program carries on after it; in a fork()ed child too.

#define _GNU_SOURCE     // REG_RIP
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define SA_RESTORER 0x04000000

static int failures;

static void check(const char *what, long got, long want)
{
    if (got == want) {
        printf("%s: ok\n", what);
    } else {
        printf("%s: FAIL expected %ld got %ld\n", what, want, got);
        failures++;
    }
}

struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static const uint8_t trampoline[9] = { 0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05 };

// The stub records the return address at [rsp] before any C code runs.
uint64_t entry_ret;
void entry_stub(int, siginfo_t *, void *);
void c_handler(int, siginfo_t *, void *);
asm(".text\n"
    "entry_stub:\n\t"
    "mov (%rsp), %rax\n\t"
    "mov %rax, entry_ret(%rip)\n\t"
    "jmp c_handler\n");

static volatile int handled;

void c_handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)info;
    handled++;
    if (sig == SIGILL)
        uc->uc_mcontext.gregs[REG_RIP] += 2;
}

static void install(int sig)
{
    // Garbage in sa_restorer: without SA_RESTORER it must not be used.
    struct ksigaction k = { .handler = (void *)entry_stub, .flags = SA_SIGINFO,
                            .restorer = (void *)0xdead0000, .mask = 0 };
    syscall(SYS_rt_sigaction, sig, &k, NULL, 8);
}

static void run(const char *who)
{
    char what[96];
    struct ksigaction k = { 0 };

    install(SIGUSR1);
    install(SIGILL);
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 8);
    snprintf(what, sizeof what, "%s: the action has no SA_RESTORER", who);
    check(what, (k.flags & SA_RESTORER) != 0, 0);

    handled = 0;
    entry_ret = 0;
    kill(getpid(), SIGUSR1);
    snprintf(what, sizeof what, "%s: kill: handler ran and we carried on", who);
    check(what, handled, 1);
    snprintf(what, sizeof what, "%s: kill: return address is a page start", who);
    check(what, entry_ret != 0 && entry_ret % 4096 == 0, 1);
    snprintf(what, sizeof what, "%s: kill: it holds mov $15, %%rax; syscall", who);
    check(what, entry_ret != 0 && memcmp((void *)entry_ret, trampoline, 9) == 0, 1);
    uint64_t first = entry_ret;

    handled = 0;
    entry_ret = 0;
    asm volatile("ud2");
    snprintf(what, sizeof what, "%s: ud2: handler ran and we carried on", who);
    check(what, handled, 1);
    snprintf(what, sizeof what, "%s: ud2: same trampoline", who);
    check(what, entry_ret == first, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t empty;
    int status;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    run("parent");
    pid_t pid = fork();
    if (pid == 0) {
        run("child");
        _exit(failures != 0);
    }
    waitpid(pid, &status, 0);
    check("child exited 0", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), 0);
    return failures != 0;
}
