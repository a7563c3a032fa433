// fault.h: what the fault tests (segv_*, ill_ud2, fpe_intdiv, trap_int3, int_vectors)
// share: run one faulting call, and keep what the kernel told the handler.
//
// The handler records the siginfo and the registers the kernel saved (rip, trapno,
// the error code) and leaves by siglongjmp, back into run_faulting(). So these tests
// need signal delivery (lab 3) but not sigreturn (lab 4).

#ifndef FAULT_H
#define FAULT_H

// REG_RIP, REG_TRAPNO and REG_ERR need _GNU_SOURCE before the first #include.
#ifndef _GNU_SOURCE
#error "define _GNU_SOURCE at the top of the test, before any #include"
#endif
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

// What the last fault's handler saw; handled counts the handler's runs since
// run_faulting() started.
static struct {
    int handled;
    siginfo_t info;
    uint64_t rip;
    long trapno, err;
} caught;

static sigjmp_buf fault_return;

static void record_fault(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    caught.handled++;
    caught.info = *info;
    caught.rip = uc->uc_mcontext.gregs[REG_RIP];
    caught.trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    caught.err = uc->uc_mcontext.gregs[REG_ERR];
    siglongjmp(fault_return, 1);
}

// Unblock every signal and catch SIG with record_fault.
static inline void catch_fault(int sig)
{
    struct sigaction sa = { .sa_sigaction = record_fault, .sa_flags = SA_SIGINFO };
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    sigaction(sig, &sa, NULL);
}

// Run CALL (a statement that should fault); continue after it either way.
// (A macro, not a function: sigsetjmp must be called in the frame siglongjmp
// returns to.)
#define run_faulting(call)                      \
    do {                                        \
        caught.handled = 0;                     \
        if (sigsetjmp(fault_return, 1) == 0) {  \
            call;                               \
        }                                       \
    } while (0)

#endif
