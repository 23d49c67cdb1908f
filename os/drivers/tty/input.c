/* Terminal input: bytes from the UART's interrupt through the line
 * discipline to the waiting reader, and the interrupt key to PM. */
#include "tty.h"
#include "syslib.h"
#include <abi/signal.h>

#define COM1_IRQ 4

/* tty_input: byte C was typed on terminal TP. */
void tty_input(struct tty *tp, uint8_t c)
{
	int ev = line_input(&tp->line, c);
	if (ev & LINE_SIGINT)
		tty_raise(tp, SIGINT);
	if (ev & LINE_READY)
		tty_readers_check(tp);
}

/* console_byte: a byte from COM1, the console's line. */
static void console_byte(uint8_t c)
{
	tty_input(tty_get(TTY_MINOR_CONSOLE), c);
}

/* tty_interrupt: the interrupt operation: COM1's IRQ fired. Take every
 * byte the UART holds, then let the line interrupt again. */
void tty_interrupt(uint32_t irqs)
{
	if (!(irqs & (1u << COM1_IRQ)))
		return;
	serial_receive(console_byte);
	sys_irqctl(IRQ_ENABLE, COM1_IRQ);
}
