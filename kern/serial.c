/*
 * 16550 UART driver. COM1 is the console: output is polled, input arrives by
 * interrupt (IRQ 4) and goes to the tty line discipline. COM2 is output only and
 * carries the kernel log, so kernel messages never mix with what programs print.
 */
#include "kern/serial.h"
#include "kern/x86.h"
#include "kern/tty.h"

/* Register offsets from the port base. */
#define UART_DATA   0   /* receive / transmit holding (DLAB=0), divisor low (DLAB=1) */
#define UART_IER    1   /* interrupt enable (DLAB=0), divisor high (DLAB=1) */
#define UART_FCR    2   /* FIFO control */
#define UART_LCR    3   /* line control; bit 7 = DLAB */
#define UART_MCR    4   /* modem control; OUT2 gates the IRQ line */
#define UART_LSR    5   /* line status */

#define LSR_DATA_READY  0x01
#define LSR_THR_EMPTY   0x20

static void uart_init(uint16_t port, bool rx_interrupts)
{
    outb(port + UART_IER, 0);
    outb(port + UART_LCR, 0x80);        /* DLAB on: set the baud rate divisor */
    outb(port + UART_DATA, 1);          /* 115200 baud */
    outb(port + UART_IER, 0);
    outb(port + UART_LCR, 0x03);        /* 8 data bits, no parity, one stop bit */
    outb(port + UART_FCR, 0xc7);        /* enable and clear FIFOs */
    outb(port + UART_MCR, 0x0b);        /* DTR, RTS, OUT2 */
    if (rx_interrupts)
        outb(port + UART_IER, 0x01);    /* interrupt when data arrives */
}

void serial_init(void)
{
    uart_init(COM1, true);
    uart_init(COM2, false);
}

void serial_putc(uint16_t port, char c)
{
    for (int spin = 0; spin < 100000; spin++)
        if (inb(port + UART_LSR) & LSR_THR_EMPTY)
            break;
    outb(port + UART_DATA, (uint8_t)c);
}

/* IRQ 4: drain every received byte into the console's line discipline. */
void serial_intr(void)
{
    while (inb(COM1 + UART_LSR) & LSR_DATA_READY)
        tty_input((char)inb(COM1 + UART_DATA));
}
