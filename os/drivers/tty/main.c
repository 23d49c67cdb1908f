/* The terminal driver: set up COM1 and the VGA mirror, then serve VFS. */
#include <stdio.h>
#include "tty.h"
#include "sef.h"

#define COM1_IRQ 4

static struct tty console;

/* tty_get: the terminal of MINOR, or NULL when there is none. */
struct tty *tty_get(int minor)
{
	return minor == TTY_MINOR_CONSOLE ? &console : NULL;
}

/* tty_init: SEF init callback (every start): line discipline, the VGA
 * mirror, COM1 and its IRQ. A missing part is reported, not fatal: 0. */
static int tty_init(int type, const struct sef_init_info *info)
{
	(void) type;
	(void) info;
	int r;
	line_init(&console.line, tty_echo, NULL);
	if ((r = vga_init()) != 0)
		printf("tty: no VGA mirror (mapping the screen failed: %d); "
		    "serial only\n", r);
	if ((r = serial_init()) != 0)
		printf("tty: cannot take COM1's IRQ (%d): no input\n", r);
	else
		tty_interrupt(1u << COM1_IRQ);  /* bytes typed before now */
	printf("tty: serial console ready\n");
	return 0;
}

/* main: arguments are the library's (chardriver_args: vfs=NAME, pm=NAME,
 * for test programs). */
int main(int argc, char *argv[])
{
	int r = chardriver_args(argc, argv);
	if (r != 0)
		printf("tty: bad arguments (%d); serving VFS\n", r);
	sef_setcb_init_fresh(tty_init);
	sef_startup();
	chardriver_task(&tty_ops);
}
