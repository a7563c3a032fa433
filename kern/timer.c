/*
 * Time. The PIT (8254) interrupts 100 times a second: that drives preemption and wakes
 * sleepers. For reading the time we use the TSC, calibrated against the PIT at boot,
 * which gives nanosecond resolution. Under QEMU's -icount both follow the instruction
 * count, so tests see the same times on a busy machine as on an idle one.
 */
#include "kern/timer.h"
#include "kern/x86.h"
#include "kern/proc.h"
#include "kern/printk.h"
#include "kern/panic.h"

#define PIT_HZ          1193182
#define PIT_CH0         0x40
#define PIT_CH2         0x42
#define PIT_CMD         0x43
#define PIT_GATE        0x61    /* bit 0: channel 2 gate, bit 5: channel 2 output */

uint64_t tsc_boot;
uint64_t ns_per_tsc_q32;           /* nanoseconds per TSC tick, as a 32.32 fixed-point number */
static uint64_t realtime_at_boot_ns;

/* The calibration lasts 2 ms of PIT time. Each poll of the PIT is an I/O exit, slow
   under emulation: 10 ms of polling took a third of QEMU's time to boot and run a
   program (tools/boottime). 2 ms is still precise: under -icount the TSC and the PIT
   follow the same clock, and on hardware a poll takes about a microsecond. */
#define CALIBRATION_PIT_TICKS   (PIT_HZ / 500)

/* Count TSC ticks across `count` PIT ticks, timed by PIT channel 2 in one-shot mode. */
static uint64_t tsc_ticks_across(uint16_t count)
{
    outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);     /* gate on, speaker off */
    outb(PIT_CMD, 0xb0);                                /* channel 2, lo/hi, mode 0 */
    outb(PIT_CH2, count & 0xff);
    outb(PIT_CH2, count >> 8);
    uint64_t start = rdtsc();
    while (!(inb(PIT_GATE) & 0x20))
        ;
    return rdtsc() - start;
}

/* Read the CMOS real-time clock once (BCD, as QEMU sets it) for CLOCK_REALTIME. */
static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    uint8_t v = inb(0x71);
    return (v & 0x0f) + (v >> 4) * 10;
}

static uint64_t days_from_civil(int y, int m, int d)
{
    /* Days since 1970-01-01 (Howard Hinnant's algorithm). */
    y -= m <= 2;
    int era = y / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (uint64_t)era * 146097 + doe - 719468;
}

static uint64_t read_rtc_ns(void)
{
    while (({ outb(0x70, 0x0a); inb(0x71) & 0x80; }))
        ;   /* update in progress */
    uint64_t days = days_from_civil(2000 + cmos(0x09), cmos(0x08), cmos(0x07));
    uint64_t secs = days * 86400 + cmos(0x04) * 3600 + cmos(0x02) * 60 + cmos(0x00);
    return secs * NSEC_PER_SEC;
}

void timer_init(void)
{
    uint64_t tsc_ticks = tsc_ticks_across(CALIBRATION_PIT_TICKS);
    if (!tsc_ticks)
        panic("timer_init: the TSC did not advance during calibration");
    uint64_t ns = CALIBRATION_PIT_TICKS * NSEC_PER_SEC / PIT_HZ;
    ns_per_tsc_q32 = (ns << 32) / tsc_ticks;
    tsc_boot = rdtsc();
    realtime_at_boot_ns = read_rtc_ns();

    uint16_t divisor = PIT_HZ / HZ;
    outb(PIT_CMD, 0x34);                /* channel 0, lo/hi, mode 2 (rate generator) */
    outb(PIT_CH0, divisor & 0xff);
    outb(PIT_CH0, divisor >> 8);
    printk("timer: %d Hz tick, TSC %lu MHz\n", HZ, tsc_ticks * 1000 / ns);
}

uint64_t realtime_ns(void)
{
    return realtime_at_boot_ns + clock_ns();
}

void timer_intr(void)
{
    uint64_t now = clock_ns();
    wake_expired_sleepers(now);
    itimer_tick(now);
    posix_timers_tick(now);
}
