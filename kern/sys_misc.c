/*
 * Machine-level system calls: uname, sysinfo, reboot, arch_prctl.
 */
#include "kern/proc.h"
#include "kern/pmm.h"
#include "kern/timer.h"
#include "kern/uaccess.h"
#include "kern/memlayout.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "kern/panic.h"
#include "kern/printk.h"
#include "kern/x86.h"
#include "kern/syscall.h"

struct utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

/* We present ourselves as Linux: programs may check, and we implement its ABI. */
long sys_uname(uint64_t ubuf)
{
    struct utsname u;
    memset(&u, 0, sizeof(u));
    strlcpy(u.sysname, "Linux", sizeof(u.sysname));
    strlcpy(u.nodename, "siglab", sizeof(u.nodename));
    strlcpy(u.release, "6.1.0-siglab", sizeof(u.release));
    strlcpy(u.version, "#1 siglab teaching kernel", sizeof(u.version));
    strlcpy(u.machine, "x86_64", sizeof(u.machine));
    strlcpy(u.domainname, "(none)", sizeof(u.domainname));
    return copy_to_user(ubuf, &u, sizeof(u));
}

struct sysinfo {
    int64_t uptime;
    uint64_t loads[3];
    uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t pad2;
    uint64_t totalhigh, freehigh;
    uint32_t mem_unit;
    char reserved[4];
};

/* freeram counts free pages (mem_unit = 4096): the leak checks compare it. */
long sys_sysinfo(uint64_t ubuf)
{
    struct sysinfo si;
    memset(&si, 0, sizeof(si));
    si.uptime = clock_ns() / NSEC_PER_SEC;
    si.totalram = pages_total();
    si.freeram = pages_free();
    si.mem_unit = PAGE_SIZE;
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        si.procs += p->state != UNUSED;
    return copy_to_user(ubuf, &si, sizeof(si));
}

#define LINUX_REBOOT_MAGIC1         0xfee1dead
#define LINUX_REBOOT_MAGIC2         672274793
#define LINUX_REBOOT_MAGIC2A        85072278
#define LINUX_REBOOT_MAGIC2B        369367448
#define LINUX_REBOOT_MAGIC2C        537993216
#define LINUX_REBOOT_CMD_RESTART    0x01234567
#define LINUX_REBOOT_CMD_HALT       0xCDEF0123
#define LINUX_REBOOT_CMD_POWER_OFF  0x4321FEDC

/* reboot(2): halt, power off and restart all leave QEMU with the "clean" status. */
long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, uint64_t arg)
{
    (void)arg;
    if (magic1 != LINUX_REBOOT_MAGIC1 ||
        (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
         magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
        return -EINVAL;
    if (cmd != LINUX_REBOOT_CMD_POWER_OFF && cmd != LINUX_REBOOT_CMD_HALT &&
        cmd != LINUX_REBOOT_CMD_RESTART)
        return -EINVAL;
    printk("reboot: power off\n");
    qemu_exit(QEMU_EXIT_POWEROFF);
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* The FS base is how x86-64 threads find their thread-local storage: musl sets it at
   startup and reads errno through it. */
long sys_arch_prctl(int code, uint64_t addr)
{
    struct proc *p = current();
    switch (code) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (addr >= USER_TOP)
            return -EPERM;
        if (code == ARCH_SET_FS) {
            p->fs_base = addr;
            wrmsr(MSR_FS_BASE, addr);
        } else {
            p->gs_base = addr;
            wrmsr(MSR_KERNEL_GS_BASE, addr);    /* swapgs makes it the user's GS base */
        }
        return 0;
    case ARCH_GET_FS:
        return copy_to_user(addr, &p->fs_base, 8);
    case ARCH_GET_GS:
        return copy_to_user(addr, &p->gs_base, 8);
    default:
        return -EINVAL;
    }
}
