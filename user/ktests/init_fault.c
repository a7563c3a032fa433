// A fault kills even init (pid 1), which ignores every signal it has no handler for:
// ignoring the fault would return to the faulting instruction forever. The kernel
// then panics, saying which signal killed init, and lists the system calls that led
// there (musl's start-up, then the write). The boot banner shows the command
// line actually in use (krun's, from QEMU's fw_cfg, not GRUB's empty one).
//
// as-init
// log: siglab: booting, command line "quiet init=/krun/init_fault --"
// log: init_fault[1]: killed by SIGSEGV (no core dump: RLIMIT_CORE is 0)
// log: kernel panic: do_exit: init (pid 1) killed by SIGSEGV; init must never die
// log: the last 3 system calls, oldest first:
// log: pid 1: arch_prctl  [syscall 158]
// log: pid 1: set_tid_address  [syscall 218]
// log: pid 1: write  [syscall 1]
#include <unistd.h>

int main(void)
{
    static const char msg[] = "init: writing through NULL\n";
    write(1, msg, sizeof(msg) - 1);
    *(volatile int *)0 = 1;
    write(1, "init: still alive\n", 18);
    return 0;
}
