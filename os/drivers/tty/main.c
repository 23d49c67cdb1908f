/* The terminal driver: set up COM1 and the VGA mirror, then serve VFS. */
#include <stdio.h>
#include "tty.h"

#define COM1_IRQ 4

static struct tty console;

/* tty_get: the terminal of MINOR, or NULL when there is none. */
struct tty *tty_get(int minor)
{
	return minor == TTY_MINOR_CONSOLE ? &console : NULL;
}

/* main: arguments are the library's (chardriver_args: vfs=NAME, pm=NAME,
 * for test programs). */
int main(int argc, char *argv[])
{
	int r = chardriver_args(argc, argv);
	if (r != 0)
		printf("tty: bad arguments (%d); serving VFS\n", r);
	line_init(&console.line, tty_echo, NULL);
	if ((r = vga_init()) != 0)
		printf("tty: no VGA mirror (mapping the screen failed: %d); "
		    "serial only\n", r);
	if ((r = serial_init()) != 0)
		printf("tty: cannot take COM1's IRQ (%d): no input\n", r);
	else
		tty_interrupt(1u << COM1_IRQ);  /* bytes typed before now */
	printf("tty: serial console ready\n");
	chardriver_task(&tty_ops);
}
