/*
 * The type of siglab's $siginfo (tools/gdb/siglab_stops.py): Linux x86-64's siginfo_t,
 * 128 bytes, with its union members reachable by the names <signal.h> gives them
 * (si_pid, si_addr, si_status...), so that `p $siginfo.si_addr` works as
 * `p info->si_addr` does in C. Native gdb's $_siginfo has the same bytes, under
 * gdb's own names ($_siginfo._sifields._sigfault.si_addr).
 *
 * Compiled with -g -fno-eliminate-unused-debug-types, only for its debug information
 * (there is no code or data): gdb loads the type from build/gdb/siginfo_type.o. Offsets as in docs/design.md section 4.
 */

union siglab_sigval {
    int sival_int;
    void *sival_ptr;
};

struct siglab_siginfo {
    int si_signo;
    int si_errno;
    int si_code;
    union {
        /* kill, sigqueue, real-time signals, SIGCHLD: who sent it */
        struct {
            int si_pid;
            unsigned int si_uid;
            union {
                union siglab_sigval si_value;       /* sigqueue, timers */
                struct {
                    int si_status;                  /* SIGCHLD */
                    long si_utime;
                    long si_stime;
                };
            };
        };
        /* POSIX timers */
        struct {
            int si_timerid;
            int si_overrun;
        };
        /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP: the faulting address */
        struct {
            void *si_addr;
            short si_addr_lsb;
        };
        /* SIGIO, SIGPOLL */
        struct {
            long si_band;
            int si_fd;
        };
        /* SIGSYS (seccomp) */
        struct {
            void *si_call_addr;
            int si_syscall;
            unsigned int si_arch;
        };
        char si_pad[112];
    };
};

_Static_assert(sizeof(struct siglab_siginfo) == 128, "siginfo_t is 128 bytes");
_Static_assert(__builtin_offsetof(struct siglab_siginfo, si_addr) == 16, "si_addr at 16");
_Static_assert(__builtin_offsetof(struct siglab_siginfo, si_status) == 24, "si_status at 24");
