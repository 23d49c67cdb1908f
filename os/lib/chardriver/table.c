/* The character-driver library's dispatch table: CDEV_* request type ->
 * handler. */
#include "chardriver_priv.h"

#define NR_REQUESTS (CDEV_SELECT - CDEV_BASE + 1)

static const chardriver_handler table[NR_REQUESTS] = {
	[CDEV_OPEN - CDEV_BASE] = chardriver_do_open,
	[CDEV_CLOSE - CDEV_BASE] = chardriver_do_close,
	[CDEV_READ - CDEV_BASE] = chardriver_do_read,
	[CDEV_WRITE - CDEV_BASE] = chardriver_do_write,
	[CDEV_IOCTL - CDEV_BASE] = chardriver_do_ioctl,
	[CDEV_CANCEL - CDEV_BASE] = chardriver_do_cancel,
	[CDEV_STATUS - CDEV_BASE] = chardriver_do_status,
	[CDEV_SELECT - CDEV_BASE] = chardriver_do_select,
};

/* chardriver_lookup: the handler of request TYPE, or NULL for a type the
 * library does not know. */
chardriver_handler chardriver_lookup(int type)
{
	if (type < CDEV_BASE || type >= CDEV_BASE + NR_REQUESTS)
		return NULL;
	return table[type - CDEV_BASE];
}
