/* Signal sets: bit (sig - 1) stands for sig, the layout rt_sigprocmask passes. */
#include "tests/unit/check.h"
#include "kern/signal/signal.h"

int main(void)
{
    sigset_t s = 0;
    CHECK_EQ(sigmask(SIGHUP), 1);
    CHECK_EQ(sigmask(SIGRTMAX), 1ULL << 63);
    sigaddset(&s, SIGUSR1);
    sigaddset(&s, SIGRTMIN);
    CHECK(sigismember(s, SIGUSR1));
    CHECK(sigismember(s, SIGRTMIN));
    CHECK(!sigismember(s, SIGUSR2));
    CHECK_EQ(s, (1ULL << 9) | (1ULL << 31));
    sigdelset(&s, SIGUSR1);
    CHECK(!sigismember(s, SIGUSR1));
    CHECK_EQ(s, 1ULL << 31);

    CHECK(valid_signal(1) && valid_signal(64));
    CHECK(!valid_signal(0) && !valid_signal(65) && !valid_signal(-1));
    CHECK(sig_kernel_only(SIGKILL) && sig_kernel_only(SIGSTOP) && !sig_kernel_only(SIGTERM));
    CHECK(sig_kernel_stop(SIGTSTP) && sig_kernel_stop(SIGTTIN) && sig_kernel_stop(SIGTTOU));
    CHECK(!sig_kernel_stop(SIGCONT) && !sig_kernel_stop(SIGRTMIN + 19 - 19));
    CHECK_EQ(UNBLOCKABLE, (1ULL << 8) | (1ULL << 18));
    CHECK_EQ(STOP_SIGNALS & sigmask(SIGCONT), 0);
    CHECK(SYNCHRONOUS_SIGNALS & sigmask(SIGSEGV));
    CHECK(!(SYNCHRONOUS_SIGNALS & sigmask(SIGUSR1)));
    return check_summary();
}
