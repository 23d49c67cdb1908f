/* Terminal input: bytes from the UARTs' shared interrupt (and its
 * backstop, a poll while reads wait) through each terminal's line
 * discipline to its waiting reader, and the interrupt key to PM. */
#include "tty.h"
#include "syslib.h"
#include <abi/signal.h>

#define MAX_PASSES 64   /* looks at every UART per interrupt, at most */
#define POLL_TICKS 1    /* the backstop's period while reads wait */

static int poll_armed;  /* the backstop's alarm is set */
static int draining;    /* tty_drain runs (it is not reentrant) */

/* tty_input: byte C was typed on terminal TP. */
void tty_input(struct tty *tp, uint8_t c)
{
	int ev = line_input(&tp->line, c);
	if (ev & LINE_SIGINT)
		tty_raise(tp, SIGINT);
	if (ev & LINE_READY)
		tty_readers_check(tp);
}

/* tty_drain: see tty.h. It takes every byte every UART holds, passing
 * over all of them again as long as one had something (a UART that became
 * pending while another held the shared line high raised no edge of its
 * own). The console's UART is looked at last. */
void tty_drain(void)
{
	if (draining)
		return;
	draining = 1;
	for (int pass = 0; pass < MAX_PASSES; pass++) {
		int work = 0;
		for (int i = tty_count - 1; i >= 0; i--)
			work |= serial_receive(tty_all[i]->uart, tty_input,
			    tty_all[i]);
		if (!work)
			break;
	}
	draining = 0;
}

/* tty_poll_arm: while a read waits and IRQ 4 is shared (COM3's input
 * on), set the backstop's alarm: an emulator may drop a shared line's
 * request (Bochs' PIC forgets it when the other UART lowers the line),
 * and then the next tick still finds the bytes. */
void tty_poll_arm(void)
{
	if (poll_armed || !tty_get(TTY_MINOR_AGENT)->uart->rx_on)
		return;
	for (int i = 0; i < tty_count; i++) {
		if (tty_all[i]->nreaders > 0) {
			poll_armed = sys_setalarm(POLL_TICKS, 0, NULL) == 0;
			return;
		}
	}
}

/* tty_input_kept: see tty.h. */
void tty_input_kept(void)
{
	draining = 0;
	poll_armed = 0;
	tty_poll_arm();
}

/* tty_interrupt: the interrupt operation: IRQ 4 fired (COM1, COM3 or
 * both). Take every byte, then let the line interrupt again. */
void tty_interrupt(uint32_t irqs)
{
	if (!(irqs & (1u << TTY_IRQ)))
		return;
	tty_drain();
	sys_irqctl(IRQ_ENABLE, TTY_IRQ);
	tty_poll_arm();
}

/* tty_alarm: the alarm operation: the backstop's tick. Look at the UARTs
 * as an interrupt would; again in a tick while reads still wait. */
void tty_alarm(uint32_t now)
{
	(void) now;
	poll_armed = 0;
	tty_drain();
	tty_poll_arm();
}
