// compat_syscall: 32-bit code cannot get ring 0 through syscall, and page 0 stays unmapped
//
// siglab only (a Linux kernel with IA32 emulation runs 32-bit system calls; one
// without answers as siglab does). The attack this guards against: far-return to
// the 32-bit user code selector 0x23 (the GDT has it for sysret), then execute
// `syscall`. The CPU enters ring 0 at MSR_CSTAR, on the user's stack and page
// tables; had the kernel left CSTAR at 0, it would run whatever the program mapped
// at address 0 with ring-0 privileges. So:
//   1. page 0 (and everything below 64 KiB, Linux's vm.mmap_min_addr) cannot be
//      mapped: mmap gives EPERM; a hint there is ignored;
//   2. `syscall` from 32-bit code returns -ENOSYS to 32-bit code at once;
//   3. `int $0x80` from 32-bit code is a #GP (vector 0x80 is not open to ring 3):
//      SIGSEGV, trapno 13, an error code naming an IDT entry (bit 1). (Hardware
//      writes 0x80*8+2; QEMU's TCG writes 0x80*16+2, so only the bit is checked.)
// After each, the program goes on, and so does the kernel.

#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <ucontext.h>

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

// mmap(ADDR, one page, RWX, FLAGS | anonymous private): the address, or -errno.
// The raw system call: musl's mmap() turns EPERM at address 0 into ENOMEM.
static long map_at(unsigned long addr, int flags)
{
    long p = syscall(SYS_mmap, addr, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                     flags | MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    return p == -1 ? -errno : p;
}

// Switch to 32-bit compatibility mode (lretq to cs 0x23), run INSN there, and come
// back to 64-bit mode (ljmp to cs 0x33). Nothing in between touches the stack:
// compatibility mode would use only its low 32 bits. Returns eax.
#define IN_COMPAT_MODE(insn, eax_in)                                     \
    ({                                                                   \
        long eax_ = (eax_in);                                            \
        __asm__ volatile("movq %%rsp, %%r12\n\t"                         \
                         "pushq $0x23\n\t"                               \
                         "leaq 1f(%%rip), %%r13\n\t"                     \
                         "pushq %%r13\n\t"                               \
                         "lretq\n\t"                                     \
                         ".code32\n"                                     \
                         "1: " insn "\n\t"                               \
                         "ljmp $0x33, $2f\n\t"                           \
                         ".code64\n"                                     \
                         "2: movq %%r12, %%rsp\n\t"                      \
                         : "+a"(eax_)                                    \
                         :                                               \
                         : "rcx", "r11", "r12", "r13", "memory", "cc");  \
        (int)eax_;                                                       \
    })

static sigjmp_buf env;
static siginfo_t got;
static long got_trapno, got_err, got_cs;

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    got = *info;
    got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    got_err = uc->uc_mcontext.gregs[REG_ERR];
    got_cs = uc->uc_mcontext.gregs[REG_CSGSFS] & 0xffff;
    siglongjmp(env, 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    check("mmap MAP_FIXED at 0: EPERM", map_at(0, MAP_FIXED), -EPERM);
    check("mmap MAP_FIXED at 0xf000: EPERM", map_at(0xf000, MAP_FIXED), -EPERM);
    check("mmap MAP_FIXED_NOREPLACE at 0: EPERM", map_at(0, MAP_FIXED_NOREPLACE), -EPERM);
    long hinted = map_at(0x1000, 0);
    check("mmap hint 0x1000: placed at 64 KiB or above", hinted >= 0x10000, 1);
    check("mmap MAP_FIXED at 0x10000: allowed", map_at(0x10000, MAP_FIXED), 0x10000);
    munmap((void *)0x10000, 4096);

    // getpid is 39 in the 64-bit table (20 in the 32-bit one): neither must run.
    check("syscall in 32-bit mode: -ENOSYS", IN_COMPAT_MODE("syscall", 39), -ENOSYS);
    check("syscall in 32-bit mode again: -ENOSYS", IN_COMPAT_MODE("syscall", 20), -ENOSYS);

    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);
    int caught = 0;
    if (sigsetjmp(env, 1) == 0)
        IN_COMPAT_MODE("int $0x80", 20);
    else
        caught = 1;
    check("int $0x80 in 32-bit mode: SIGSEGV", caught ? got.si_signo : 0, SIGSEGV);
    check("int $0x80 in 32-bit mode: si_code SI_KERNEL", got.si_code, SI_KERNEL);
    check("int $0x80 in 32-bit mode: trapno 13 (#GP)", got_trapno, 13);
    check("int $0x80 in 32-bit mode: err names an IDT entry", got_err & 7, 2);
    check("int $0x80 in 32-bit mode: interrupted cs 0x23", got_cs, 0x23);

    printf("still running: %s\n", failures ? "with failures" : "ok");
    return failures != 0;
}
