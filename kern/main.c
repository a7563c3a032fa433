/*
 * kmain: boot/entry.S calls this in 64-bit mode on the boot stack, with the multiboot2
 * magic and the physical address of GRUB's boot information.
 */
#include "kern/types.h"
#include "kern/x86.h"
#include "kern/serial.h"
#include "kern/printk.h"
#include "kern/panic.h"
#include "kern/multiboot.h"
#include "kern/fwcfg.h"
#include "kern/pmm.h"
#include "kern/vm.h"
#include "kern/fs.h"
#include "kern/tty.h"
#include "kern/timer.h"
#include "kern/proc.h"
#include "kern/signal/signal.h"
#include "kern/signal/trace.h"
#include "kern/string.h"
#include "kern/syscall.h"
#include "kern/memlayout.h"
#include "kern/trap/traps.h"

#define MAX_INIT_ARGS 32

static char cmdline[512];         /* as given: printed in the boot banner */
static char cmdline_words[512];   /* the same, cut into words for init_argv */
static char *init_argv[MAX_INIT_ARGS + 2];
static const char *init_path = "/bin/init";
bool sigtrace_enabled;      /* "sigtrace": log signal activity (kern/signal/) */
bool sigtrace_detail;       /* "sigtrace=detail": with times and registers, for tools/sigview */
static bool boottime;       /* "boottime": log the TSC at each step of kmain (tools/boottime) */

/* Where boot time goes (docs/design.md section 3): the TSC at each step of kmain. The
   TSC counts from the machine's reset, so the first reading is the firmware's and the
   loader's share; under -icount a tick is a guest nanosecond. */
struct boot_step {
    const char *step;
    uint64_t tsc;
};
static struct boot_step boot_steps[4];
static int nboot_steps;

static void boot_step(const char *step)
{
    if (nboot_steps < (int)ARRAY_SIZE(boot_steps))
        boot_steps[nboot_steps++] = (struct boot_step){ step, rdtsc() };
}

static void log_boot_steps(void)
{
    if (!boottime)
        return;
    for (int i = 0; i < nboot_steps; i++)
        printk("boottime: %s at TSC %lu\n", boot_steps[i].step, boot_steps[i].tsc);
}

/* The command line comes from GRUB, unless QEMU was given opt/siglab/cmdline. */
static void load_cmdline(void)
{
    long n = fwcfg_file_size("opt/siglab/cmdline");
    if (n >= 0 && n < (long)sizeof(cmdline)) {
        fwcfg_read_file("opt/siglab/cmdline", cmdline, n);
        cmdline[n] = 0;
    } else {
        strlcpy(cmdline, boot_info.cmdline, sizeof(cmdline));
    }
}

/*
 * Linux-style options: "quiet", "boottime", "strace", "sigtrace", "sigtrace=detail",
 * "init=PATH", and after "--" the arguments for init. Words are separated by spaces;
 * there is no quoting.
 */
static void parse_cmdline(void)
{
    int argc = 1;
    bool init_args = false;
    strlcpy(cmdline_words, cmdline, sizeof(cmdline_words));
    for (char *p = cmdline_words; *p;) {
        while (*p == ' ')
            *p++ = 0;
        if (!*p)
            break;
        char *word = p;
        while (*p && *p != ' ')
            p++;
        if (*p)
            *p++ = 0;
        if (init_args) {
            if (argc <= MAX_INIT_ARGS)
                init_argv[argc++] = word;
        } else if (strcmp(word, "--") == 0) {
            init_args = true;
        } else if (strcmp(word, "quiet") == 0) {
            printk_set_quiet(true);
        } else if (strcmp(word, "boottime") == 0) {
            boottime = true;
        } else if (strcmp(word, "strace") == 0) {
            strace_enabled = true;
        } else if (strcmp(word, "sigtrace") == 0) {
            sigtrace_enabled = true;
        } else if (strcmp(word, "sigtrace=detail") == 0) {
            sigtrace_enabled = sigtrace_detail = true;
        } else if (strncmp(word, "init=", 5) == 0) {
            init_path = word + 5;
        }
    }
    init_argv[0] = (char *)init_path;
    init_argv[argc] = 0;
}

/* Let user programs use x87 and SSE: the kernel itself never does (-mgeneral-regs-only),
   and saves the user's registers with fxsave on every switch. */
static void fpu_enable(void)
{
    write_cr0((read_cr0() & ~(1UL << 2 | 1UL << 3)) | 1UL << 1 | 1UL << 5);   /* -EM -TS +MP +NE */
    write_cr4(read_cr4() | 1UL << 9 | 1UL << 10);                           /* OSFXSR, OSXMMEXCPT */
}

/* Alignment checking for user mode, as Linux turns it on (CR0.AM): a program that sets
   EFLAGS.AC then gets #AC (SIGBUS, BUS_ADRALN) for a misaligned access. Ring 0 is never
   checked, so the kernel's own accesses are not affected. */
static void alignment_check_enable(void)
{
    write_cr0(read_cr0() | 1UL << 18);                                      /* AM */
}

/* UMIP, where the CPU has it (CPUID.7.0:ECX bit 2): user mode may no longer read the
   GDT, IDT, LDT and task register; kern/trap/umip_x86_64.c answers for them. */
static void umip_enable(void)
{
    uint32_t a, b, c, d;
    cpuid(0, &a, &b, &c, &d);
    if (a < 7)
        return;
    cpuid(7, &a, &b, &c, &d);
    if (c & (1U << 2))
        write_cr4(read_cr4() | 1UL << 11);
}

static void load_initrd(void)
{
    for (int i = 0; i < boot_info.nmodules; i++) {
        struct module *m = &boot_info.modules[i];
        fs_add_archive(P2V(m->start), m->end - m->start, "boot module");
    }
    long extra = fwcfg_file_size("opt/siglab/initrd");
    if (extra > 0) {
        void *buf = boot_alloc(extra);
        fwcfg_read_file("opt/siglab/initrd", buf, extra);
        fs_add_archive(buf, extra, "opt/siglab/initrd");
    }
}

/* Called by boot/entry.S once the CPU is in 64-bit mode at the higher half. */
noreturn void kmain(uint32_t magic, uint64_t mbi_phys);

noreturn void kmain(uint32_t magic, uint64_t mbi_phys)
{
    boot_step("kmain");
    serial_init();
    multiboot_parse(magic, mbi_phys);
    load_cmdline();
    parse_cmdline();
    printk("siglab: booting, command line \"%s\"\n", cmdline);

    gdt_init();
    idt_init();
    pic_init();
    syscall_init();
    wrmsr(MSR_GS_BASE, (uint64_t)&cpu);
    wrmsr(MSR_KERNEL_GS_BASE, 0);
    fpu_enable();
    alignment_check_enable();
    umip_enable();
    vm_init();

    boot_step("load_initrd");
    load_initrd();
    pmm_init();
    printk("memory: %lu KiB free\n", pages_free() * 4);
    tty_init();
    boot_step("timer_init");
    timer_init();
    proc_init();
    signal_init();
    boot_step("start_init");
    log_boot_steps();

    printk("init: starting %s\n", init_path);
    start_init(init_path, init_argv);
    scheduler();
}
