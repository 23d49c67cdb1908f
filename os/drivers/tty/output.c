/* Terminal output: every byte goes to the terminal's serial line, and the
 * console's also to the VGA mirror. */
#include "tty.h"

/* tty_output: show the N bytes of S on TP (NL becomes CR NL on the serial
 * line). */
void tty_output(struct tty *tp, const char *s, size_t n)
{
	serial_write(tp->uart, s, n);
	if (tp->vga)
		vga_write(s, n);
	if (serial_held(tp->uart))
		tty_drain();
}

/* tty_echo: the line discipline's echo callback; CTX is the terminal. */
void tty_echo(void *ctx, const char *s, size_t n)
{
	tty_output(ctx, s, n);
}
