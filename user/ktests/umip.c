// UMIP: sgdt, sidt, smsw, sldt and str in user mode get Linux's emulated answers.
//
// With CR4.UMIP on, these instructions fault in user mode, and the kernel answers
// for them with the fixed values Linux's umip.c gives (a Linux host with UMIP prints
// exactly this): the GDT and IDT at dummy kernel addresses with limit 0, CR0's usual
// low bits, no LDT, the TSS selector 0x40. The kernel's real tables stay hidden. A
// memory operand may be anywhere the program can write, through any addressing form;
// an unwritable one is SIGSEGV for that address.
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf back;
static void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    fault_addr = si->si_addr;
    siglongjmp(back, 1);
}

struct __attribute__((packed)) desc { uint16_t limit; uint64_t base; };
struct desc gdt_at_rip;      // (not static: the asm names it)

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);

    struct desc d;
    memset(&d, 0xaa, sizeof d);
    __asm__ volatile("sgdt %0" : "=m"(d));
    printf("sgdt: limit %#x base %#lx\n", d.limit, (unsigned long)d.base);
    memset(&d, 0xaa, sizeof d);
    __asm__ volatile("sidt %0" : "=m"(d));
    printf("sidt: limit %#x base %#lx\n", d.limit, (unsigned long)d.base);
    __asm__ volatile("sgdt gdt_at_rip(%%rip)" : : : "memory");
    printf("sgdt, rip-relative: base %#lx\n", (unsigned long)gdt_at_rip.base);
    unsigned char buf[32];
    memset(buf, 0xaa, sizeof buf);
    uint64_t base = (uint64_t)buf, idx = 2;
    __asm__ volatile("sidt 4(%0,%1,4)" : : "r"(base), "r"(idx) : "memory");
    memcpy(&d, buf + 12, sizeof d);
    printf("sidt, base + index*4 + 4: base %#lx\n", (unsigned long)d.base);

    uint64_t r = 0x1234567812345678;
    __asm__ volatile("smsw %0" : "+r"(r));
    printf("smsw to a 64-bit register: %#lx\n", (unsigned long)r);
    uint16_t w = 0xaaaa;
    __asm__ volatile("smsw %0" : "=m"(w));
    printf("smsw to memory (16 bits): %#x\n", w);
    r = 0x1234;
    __asm__ volatile("sldt %0" : "+r"(r));
    printf("sldt: %#lx\n", (unsigned long)r);
    r = 0x1234;
    __asm__ volatile("str %0" : "+r"(r));
    printf("str: %#lx\n", (unsigned long)r);

    if (!sigsetjmp(back, 1))
        __asm__ volatile("sgdt (%0)" : : "r"(0x10UL) : "memory");
    printf("sgdt to address 0x10: SIGSEGV at %p\n", fault_addr);
    return 0;
}
