// sigreturn_no_restart: a restart code in rax after sigreturn is never acted on
// lab: 5
//
// The value sigreturn puts back in rax is never taken for a system call result
// to restart, even if it looks like one of the kernel's restart codes (-512
// ERESTARTSYS .. -516 ERESTART_RESTARTBLOCK) and a signal with an SA_RESTART
// handler is delivered on the way out of sigreturn: rax keeps the value and rip
// is not moved back.
//
// A SIGILL handler (ud2) sets rax and steps over the ud2; SIGUSR2, sent from
// inside it and blocked there, becomes deliverable as sigreturn restores the
// mask, so the kernel runs its delivery code with that rax in place.

#define _GNU_SOURCE     // REG_RIP and friends
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

static long fake_rax;
static int ill_handled, usr2_handled;
static greg_t usr2_rax, usr2_rip;

static void on_sigill(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    ill_handled++;
    uc->uc_mcontext.gregs[REG_RAX] = fake_rax;
    uc->uc_mcontext.gregs[REG_RIP] += 2;
    kill(getpid(), SIGUSR2);        // blocked here by sa_mask
}

static void on_sigusr2(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)info;
    usr2_handled++;
    usr2_rax = uc->uc_mcontext.gregs[REG_RAX];
    usr2_rip = uc->uc_mcontext.gregs[REG_RIP];
}

extern const char after_ud2[];

__attribute__((noinline)) static void run(long value)
{
    long rax, count = 0;
    char what[96];

    fake_rax = value;
    ill_handled = usr2_handled = 0;
    asm volatile("incq %1\n\t"          // counts how often this runs
                 "ud2\n"
                 "after_ud2:\n\t"
                 "mov %%rax, %0"
                 : "=r"(rax), "+m"(count) : : "rax", "memory");
    snprintf(what, sizeof what, "rax %ld: SIGUSR2 handled on the way out of sigreturn", value);
    check(what, usr2_handled, 1);
    snprintf(what, sizeof what, "rax %ld: its frame has rax %ld", value, value);
    check(what, usr2_rax, value);
    snprintf(what, sizeof what, "rax %ld: its frame has rip after the ud2", value);
    check(what, usr2_rip == (greg_t)after_ud2, 1);
    snprintf(what, sizeof what, "rax %ld: the code after the ud2 sees rax %ld", value, value);
    check(what, rax, value);
    snprintf(what, sizeof what, "rax %ld: nothing ran twice (the ud2 trapped once)", value);
    check(what, count == 1 && ill_handled == 1, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction ill = { .sa_sigaction = on_sigill, .sa_flags = SA_SIGINFO | SA_RESTART };
    struct sigaction usr2 = { .sa_sigaction = on_sigusr2, .sa_flags = SA_SIGINFO | SA_RESTART };
    sigset_t empty;

    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaddset(&ill.sa_mask, SIGUSR2);
    sigaction(SIGILL, &ill, NULL);
    sigaction(SIGUSR2, &usr2, NULL);

    run(-512);      // ERESTARTSYS
    run(-513);      // ERESTARTNOINTR
    run(-514);      // ERESTARTNOHAND
    run(-516);      // ERESTART_RESTARTBLOCK
    return failures != 0;
}
