#ifndef KERN_SERIAL_H
#define KERN_SERIAL_H

#include "kern/types.h"

#define COM1    0x3f8   /* the console: user programs' terminal */
#define COM2    0x2f8   /* the kernel log */
#define IRQ_COM1 4

void serial_init(void);
void serial_putc(uint16_t port, char c);
void serial_intr(void);

#endif
