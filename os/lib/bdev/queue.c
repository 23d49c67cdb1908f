/* libbdev's wait for a driver that died, and the messages the file
 * server receives meanwhile (kept for bdev_receive). */
#include <stdio.h>
#include "bdev_priv.h"
#include "sef.h"
#include "syslib.h"
#include <abi/errno.h>
#include <abi/boot.h>

static message queue[BDEV_MAX_QUEUED];
static unsigned head, len;

/* keep: M is for the file server, later. Returns 0, or -ENOSPC. */
static int keep(const message *m)
{
	if (len == BDEV_MAX_QUEUED)
		return -ENOSPC;
	queue[(head + len) % BDEV_MAX_QUEUED] = *m;
	len++;
	return 0;
}

/* bdev_receive: see bdev.h. */
int bdev_receive(message *m)
{
	if (len > 0) {
		*m = queue[head];
		head = (head + 1) % BDEV_MAX_QUEUED;
		len--;
		return 0;
	}
	return sef_receive(ANY, m);
}

/* bdev_wait: see bdev_priv.h. The file server is inside a request, so
 * sef_receive_nested (no prepare state, no injected fault here). With the
 * queue full, only DS is listened to (the others wait in the kernel; no
 * time limit then). A CLOCK
 * notification while the wait's alarm is still pending is one of the file
 * server's alarms that rang before the wait: dropped (the file server
 * sets its alarms again after a call that waited, bdev.h). */
int bdev_wait(struct bdev_drv *d, unsigned ups)
{
	int r = 0;
	sys_setalarm(BDEV_WAIT_TICKS, 0, NULL);
	while (d->ups == ups) {
		message m;
		int full = len == BDEV_MAX_QUEUED;
		if (sef_receive_nested(full ? DS_EP : ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE && m.m_source == DS_EP) {
			bdev_ds_event();
			continue;
		}
		if (m.m_type == NOTIFY_MESSAGE && m.m_source == CLOCK) {
			/* The file server's own alarm may have rung just
			 * before the wait began: while the wait's alarm is
			 * still pending, this notification is not its. */
			uint32_t left = 0;
			sys_setalarm(0, 0, &left);
			if (left > 0) {
				sys_setalarm(left, 0, NULL);
				continue;
			}
			printf("bdev: %s did not come back\n", d->label);
			return -EIO;
		}
		keep(&m);
	}
	sys_setalarm(0, 0, NULL);
	return r;
}
