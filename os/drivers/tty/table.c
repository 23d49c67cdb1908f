/* The terminal driver's operations table for the character-driver
 * library. */
#include "tty.h"

const struct chardriver tty_ops = {
	.open = tty_open,
	.close = tty_close,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.cancel = tty_cancel,
	.interrupt = tty_interrupt,
	.alarm = tty_alarm,
	.other = tty_other,
	.select = tty_select,
};
