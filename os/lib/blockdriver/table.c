/* The block-driver library's dispatch table: BDEV_* request type ->
 * handler. */
#include "blockdriver_priv.h"

#define NR_REQUESTS (BDEV_IOCTL - BDEV_BASE + 1)

static const blockdriver_handler table[NR_REQUESTS] = {
	[BDEV_OPEN - BDEV_BASE] = blockdriver_do_open,
	[BDEV_CLOSE - BDEV_BASE] = blockdriver_do_close,
	[BDEV_READ - BDEV_BASE] = blockdriver_do_read,
	[BDEV_WRITE - BDEV_BASE] = blockdriver_do_write,
	[BDEV_GATHER - BDEV_BASE] = blockdriver_do_gather,
	[BDEV_SCATTER - BDEV_BASE] = blockdriver_do_scatter,
	[BDEV_IOCTL - BDEV_BASE] = blockdriver_do_ioctl,
};

/* blockdriver_lookup: see blockdriver_priv.h. */
blockdriver_handler blockdriver_lookup(int type)
{
	if (type < BDEV_BASE || type >= BDEV_BASE + NR_REQUESTS)
		return NULL;
	return table[type - BDEV_BASE];
}
