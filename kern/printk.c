/*
 * The kernel log. Every byte goes to COM2; unless "quiet" is on the command line, it
 * is echoed to the console too, so a student running `make qemu` sees boot messages.
 * tools/krun and the grader boot with "quiet": the console then carries only what
 * user programs write.
 */
#include "kern/printk.h"
#include "kern/fmt.h"
#include "kern/serial.h"

static bool quiet;

void printk_set_quiet(bool q) { quiet = q; }
void printk_force_console(void) { quiet = false; }

static void log_putc(char c, void *arg)
{
    (void)arg;
    serial_putc(COM2, c);
    if (!quiet) {
        if (c == '\n')
            serial_putc(COM1, '\r');
        serial_putc(COM1, c);
    }
}

void log_write(const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        log_putc(buf[i], 0);
}

int vprintk(const char *fmt, va_list ap)
{
    return vformat(log_putc, 0, fmt, ap);
}

int printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintk(fmt, ap);
    va_end(ap);
    return n;
}
