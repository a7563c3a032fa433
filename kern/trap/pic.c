/*
 * The legacy 8259A interrupt controllers. The BIOS leaves IRQs 0-15 on vectors 8-15
 * and 0x70-0x77, which collide with CPU exceptions; we move them to 32-47 and unmask
 * only what we use: the timer (IRQ 0), the cascade (IRQ 2) and COM1 (IRQ 4).
 */
#include "kern/x86.h"
#include "kern/trap/traps.h"
#include "kern/serial.h"

#define PIC1_CMD    0x20
#define PIC1_DATA   0x21
#define PIC2_CMD    0xa0
#define PIC2_DATA   0xa1
#define PIC_EOI     0x20

void pic_init(void)
{
    outb(PIC1_CMD, 0x11);       /* ICW1: initialise, expect ICW4 */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, IRQ0);      /* ICW2: vector offsets */
    outb(PIC2_DATA, IRQ0 + 8);
    outb(PIC1_DATA, 1 << 2);    /* ICW3: slave on IRQ 2 */
    outb(PIC2_DATA, 2);
    outb(PIC1_DATA, 0x01);      /* ICW4: 8086 mode */
    outb(PIC2_DATA, 0x01);
    outb(PIC1_DATA, (uint8_t)~((1 << IRQ_TIMER) | (1 << 2) | (1 << IRQ_COM1)));
    outb(PIC2_DATA, 0xff);
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}
