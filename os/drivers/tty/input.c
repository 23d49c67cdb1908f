/* Terminal input: bytes from the UARTs' shared interrupt through each
 * terminal's line discipline to its waiting reader, and the interrupt key
 * to PM. */
#include "tty.h"
#include "syslib.h"
#include <abi/signal.h>

#define MAX_PASSES 64   /* looks at every UART per interrupt, at most */

/* tty_input: byte C was typed on terminal TP. */
void tty_input(struct tty *tp, uint8_t c)
{
	int ev = line_input(&tp->line, c);
	if (ev & LINE_SIGINT)
		tty_raise(tp, SIGINT);
	if (ev & LINE_READY)
		tty_readers_check(tp);
}

/* tty_interrupt: the interrupt operation: IRQ 4 fired (COM1, COM3 or
 * both). Take every byte every UART holds, passing over all of them
 * again as long as one had something: the line is edge-triggered and
 * shared, so a UART that became pending while another held the line
 * high raised no edge of its own. Then let the line interrupt again. */
void tty_interrupt(uint32_t irqs)
{
	if (!(irqs & (1u << TTY_IRQ)))
		return;
	for (int pass = 0; pass < MAX_PASSES; pass++) {
		int work = 0;
		for (int i = 0; i < tty_count; i++)
			work |= serial_receive(tty_all[i]->uart, tty_input,
			    tty_all[i]);
		if (!work)
			break;
	}
	sys_irqctl(IRQ_ENABLE, TTY_IRQ);
}
