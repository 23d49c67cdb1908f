/* Terminal output: every byte goes to the serial line and to the VGA
 * mirror. */
#include "tty.h"

/* tty_output: show the N bytes of S (NL becomes CR NL on the serial line). */
void tty_output(const char *s, size_t n)
{
	serial_write(s, n);
	vga_write(s, n);
}

/* tty_echo: the line discipline's echo callback (CTX unused). */
void tty_echo(void *ctx, const char *s, size_t n)
{
	(void) ctx;
	tty_output(s, n);
}
