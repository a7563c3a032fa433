// fault_core (lab 2): a fault the process does not catch kills it with the fault's
// signal, dumping core (the wait status's core bit) when RLIMIT_CORE allows, and
// even if the signal is blocked (the kernel forces it: the instruction would
// only fault again).
//
// usage: fault_core SIG      the fault that raises SIG: SIGSEGV (11) a null pointer,
//                            SIGILL (4) ud2, SIGTRAP (5) int3, SIGFPE (8) divide by zero

#include "grade.h"

static volatile int zero;

static void fault(int sig)
{
    switch (sig) {
    case SIGSEGV: *(volatile int *)(uintptr_t)zero = 1; break;
    case SIGILL: asm volatile("ud2"); break;
    case SIGTRAP: asm volatile("int3"); break;
    case SIGFPE: asm volatile("xor %%edx, %%edx; mov $1, %%eax; xor %%ecx, %%ecx; divl %%ecx"
                         : : : "rax", "rcx", "rdx"); break;
    }
}

static const char *run(int sig, rlim_t core, kset mask)
{
    pid_t c = fork();
    if (c == 0) {
        struct rlimit rl = { core, core };
        setrlimit(RLIMIT_CORE, &rl);
        set_mask(mask);
        fault(sig);
        _exit(LINGERED);
    }
    return reap(c, 0);
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1);

    printf("RLIMIT_CORE 1 MiB: child %s\n", run(sig, 1 << 20, 0));
    printf("RLIMIT_CORE 0: child %s\n", run(sig, 0, 0));
    printf("signal blocked: child %s\n", run(sig, 0, ~0ULL));
    return 0;
}
