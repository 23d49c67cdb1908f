/* The memory devices' operations table for the character-driver library
 * (no ioctl: every request answers -ENOTTY). */
#include "memdev.h"

const struct chardriver memdev_ops = {
	.open = memdev_open,
	.close = memdev_close,
	.read = memdev_read,
	.write = memdev_write,
};
