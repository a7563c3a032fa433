// kernel_trampoline (lab 4): a handler installed without SA_RESTORER returns into
// the kernel's trampoline page, which holds exactly the bytes of
// "mov $15, %rax; syscall" (48 c7 c0 0f 00 00 00 0f 05) and so calls rt_sigreturn.
// (siglab's fallback, after AxSignal; Linux x86-64 refuses such handlers, so this
// test has no native counterpart.)
//
// usage: kernel_trampoline SIG NONCE

#include "grade.h"

static volatile int seen;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    const unsigned char *ret = __builtin_return_address(0);
    printf("  handler returns to a page boundary: %s\n", ((uintptr_t)ret & 4095) == 0 ? "yes" : "no");
    printf("  bytes there:");
    for (int i = 0; i < 9; i++)
        printf(" %02x", ret[i]);
    printf("\n");
    seen = si->si_value.sival_int;
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1), nonce = arg(argc, argv, 2);

    struct ksigaction ka = { (void *)handler, SA_SIGINFO, NULL, 0 };
    if (syscall(SYS_rt_sigaction, sig, &ka, NULL, sizeof(kset)) < 0)
        printf("rt_sigaction: %s\n", strerror(errno));
    send_value(getpid(), sig, nonce);
    printf("back in main; the handler saw %d\n", seen);
    return 0;
}
