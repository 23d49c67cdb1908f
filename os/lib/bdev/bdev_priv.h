/* Private declarations of libbdev, shared by its files; file servers
 * include bdev.h only. */
#ifndef BDEV_PRIV_H
#define BDEV_PRIV_H

#include "bdev.h"

/* A driver the file server named (bdev_driver). */
struct bdev_drv {
	int used;
	uint32_t major;
	char label[SEF_LABEL_MAX];
	endpoint_t ep;               /* its current endpoint (NONE: none) */
	unsigned ups;                /* driver-up events seen */
};

/* driver.c */

/* bdev_drv_of: the driver record of MAJOR, or NULL. */
struct bdev_drv *bdev_drv_of(uint32_t major);

/* bdev_opened: DEV was opened with ACCESS (DELTA 1) or closed (-1): the
 * list of open devices that bdev_ds_event opens again. 0, or -ENOSPC. */
int bdev_opened(uint32_t dev, uint32_t access, int delta);

/* call.c */

/* A request as libbdev sends it, before grants: TYPE (BDEV_*), POS, the
 * pieces of a transfer (READ/WRITE: one; GATHER/SCATTER: N), ACCESS
 * (OPEN), REQUEST and ARG (IOCTL: IOC_SIZE(request) bytes). */
struct bdev_req {
	int type;
	uint64_t pos;
	const struct bdev_piece *pieces;
	unsigned n;
	uint32_t access;
	uint32_t request;
	void *arg;
};

/* bdev_call: send Q for DEV to its driver, with grants made for the
 * driver's current endpoint, and return the driver's status; when the
 * driver cannot be reached, wait for it (bdev_wait) and send again.
 * -ENXIO: no driver bound; -EIO: it did not come back; -ENOMEM: no
 * grants left. */
int bdev_call(uint32_t dev, const struct bdev_req *q);

/* bdev_send_once: one attempt of Q for DEV at endpoint EP; the status,
 * or BDEV_UNREACHABLE when the driver could not be reached. */
#define BDEV_UNREACHABLE (-EDEADSRCDST)
int bdev_send_once(endpoint_t ep, uint32_t dev, const struct bdev_req *q);

/* queue.c */

/* bdev_wait: wait until the driver D has come up again since it had seen
 * UPS driver-up events: receives (DS notifications are handled, other
 * messages kept for bdev_receive) until then, or until BDEV_WAIT_TICKS
 * passed. 0, or -EIO (timed out). */
int bdev_wait(struct bdev_drv *d, unsigned ups);

#endif
