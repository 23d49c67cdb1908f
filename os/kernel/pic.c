/* The two 8259A interrupt controllers, remapped to vectors 32-47. */
#include "kernel.h"
#include "x86.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI   0x20
#define IRQ_BASE  32

static uint16_t irq_mask = 0xffff & ~(1u << 2);  /* all off but the cascade */

static void write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xff);
	outb(PIC2_DATA, irq_mask >> 8);
}

/* pic_init: remap IRQ 0-15 to vectors 32-47 and mask every line. */
void pic_init(void)
{
	outb(PIC1_CMD, 0x11);            /* ICW1: init, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);       /* ICW2: vector offsets */
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 0x04);           /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01);           /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	write_mask();
}

/* pic_unmask: let IRQ through to the CPU. */
void pic_unmask(int irq)
{
	irq_mask &= ~(1u << irq);
	write_mask();
}

/* pic_mask: stop IRQ from reaching the CPU. */
void pic_mask(int irq)
{
	irq_mask |= 1u << irq;
	write_mask();
}

/* pic_in_service: whether IRQ is really being serviced (a spurious IRQ 7
 * or 15 is not in the in-service register). */
int pic_in_service(int irq)
{
	uint16_t cmd = irq >= 8 ? PIC2_CMD : PIC1_CMD;
	outb(cmd, 0x0b);                     /* OCW3: read the ISR */
	int in = (inb(cmd) >> (irq % 8)) & 1;
	if (!in && irq >= 8)
		outb(PIC1_CMD, PIC_EOI);         /* the master did see it */
	return in;
}

/* pic_eoi: acknowledge IRQ so the controller sends the next one. */
void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
