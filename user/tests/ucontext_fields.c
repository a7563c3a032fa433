// ucontext_fields: uc_flags, uc_link, uc_stack, uc_sigmask, selectors and fpregs in a frame
// lab: 3
//
// The ucontext a handler gets describes the interrupted context: uc_flags has
// UC_SIGCONTEXT_SS and UC_STRICT_RESTORE_SS, uc_link is NULL, uc_stack shows
// the disabled altstack (NULL, SS_DISABLE, 0), uc_sigmask and the sigcontext's
// oldmask are the mask before the handler, cs/ss are the user selectors
// 0x33/0x2b (fs/gs slots 0), and fpregs points at the saved FPU state: 64-byte
// aligned, above the siginfo and below the interrupted rsp's red zone, holding
// the interrupted MXCSR and x87 control word.
//
// The handler leaves by siglongjmp: the test does not need sigreturn.
//
// uc_stack.ss_flags is the flags word last given to sigaltstack, not computed
// from rsp: a process that never called sigaltstack gets 0 there, one that
// disabled it explicitly gets SS_DISABLE. We disable it explicitly, so that
// whatever the harness did before exec does not matter (sigaltstack_onstack.c
// and sigaltstack_autodisarm.c look at the other cases).

#define _GNU_SOURCE     // REG_RIP and friends
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "sigtest.h"

#define UC_FP_XSTATE            0x1
#define UC_SIGCONTEXT_SS        0x2
#define UC_STRICT_RESTORE_SS    0x4

static sigjmp_buf env;
static ucontext_t uc_copy;
static uint64_t uc_addr, info_addr, fp_addr, sigmask_word;
// What uc_mcontext.fpregs points to: musl calls it struct _fpstate, glibc struct
// _libc_fpstate; the layout (the kernel's) is the same.
static __typeof__(*((mcontext_t *)0)->fpregs) fp_copy;

static void handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    uc_copy = *uc;
    memcpy(&sigmask_word, &uc->uc_sigmask, 8);
    uc_addr = (uint64_t)uc;
    info_addr = (uint64_t)info;
    fp_addr = (uint64_t)uc->uc_mcontext.fpregs;
    if (uc->uc_mcontext.fpregs)
        fp_copy = *uc->uc_mcontext.fpregs;
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    uint64_t mask = BIT(SIGUSR2) | BIT(SIGHUP) | BIT(SIGRTMIN + 2);
    uint32_t mxcsr = 0x1f80 | 0x6000;   // round toward zero
    uint16_t fcw = 0x037f | 0x0c00;     // x87 round toward zero

    // The signal is taken on the return from kill(), with this mask and
    // this FPU control state.
    stack_t off = { .ss_flags = SS_DISABLE };
    sigaltstack(&off, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, 8);
    asm volatile("ldmxcsr %0\n\tfldcw %1" : : "m"(mxcsr), "m"(fcw));
    if (sigsetjmp(env, 1) == 0) {
        kill(getpid(), SIGUSR1);
        printf("handler did not run\n");
        return 1;
    }
    uint32_t def_mxcsr = 0x1f80;
    uint16_t def_fcw = 0x037f;
    asm volatile("ldmxcsr %0\n\tfldcw %1" : : "m"(def_mxcsr), "m"(def_fcw));

    mcontext_t *mc = &uc_copy.uc_mcontext;
    check("uc_flags has UC_SIGCONTEXT_SS", uc_copy.uc_flags & UC_SIGCONTEXT_SS, UC_SIGCONTEXT_SS);
    check("uc_flags has UC_STRICT_RESTORE_SS",
          uc_copy.uc_flags & UC_STRICT_RESTORE_SS, UC_STRICT_RESTORE_SS);
    check("uc_flags has no unknown bits", uc_copy.uc_flags & ~7UL, 0);
    check("uc_link is NULL", uc_copy.uc_link == NULL, 1);
    check("uc_stack.ss_sp is NULL", uc_copy.uc_stack.ss_sp == NULL, 1);
    check("uc_stack.ss_flags is SS_DISABLE", uc_copy.uc_stack.ss_flags, SS_DISABLE);
    check("uc_stack.ss_size is 0", uc_copy.uc_stack.ss_size, 0);
    check("uc_sigmask is the mask before the handler", sigmask_word == mask, 1);
    check("oldmask is the same mask", (uint64_t)mc->gregs[REG_OLDMASK] == mask, 1);
    check("cs is 0x33", mc->gregs[REG_CSGSFS] & 0xffff, 0x33);
    check("gs slot is 0", (mc->gregs[REG_CSGSFS] >> 16) & 0xffff, 0);
    check("fs slot is 0", (mc->gregs[REG_CSGSFS] >> 32) & 0xffff, 0);
    check("ss is 0x2b", ((uint64_t)mc->gregs[REG_CSGSFS] >> 48) & 0xffff, 0x2b);
    check("fpregs is not NULL", fp_addr != 0, 1);
    check("fpregs is 64-byte aligned", fp_addr % 64, 0);
    check("fpregs lies above the siginfo", fp_addr >= info_addr + 128, 1);
    check("the FPU area ends below rsp - 128 (red zone)",
          fp_addr + 512 <= (uint64_t)mc->gregs[REG_RSP] - 128, 1);
    check("siginfo follows the ucontext (uc + 304)", info_addr - uc_addr, 304);
    check("saved MXCSR is the interrupted one", fp_copy.mxcsr, mxcsr);
    check("saved x87 control word is the interrupted one", fp_copy.cwd, fcw);
    return failures != 0;
}
