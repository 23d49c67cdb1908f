/* The block-driver library's handlers of open, close and ioctl. Open and
 * close keep the counts that decide when a drive's partition table is
 * read again; ioctl answers DIOCGETP and DIOCRESCAN itself, passes
 * DIOCFLUSH to the driver's flush (none: nothing to write, success) and
 * the rest to the driver's ioctl. */
#include <string.h>
#include "blockdriver_priv.h"
#include "syslib.h"
#include <abi/errno.h>

/* request: the struct blockdriver_req of open, close or ioctl Q from
 * CALLER. */
static struct blockdriver_req request(const struct mess_bdev_req *q,
    endpoint_t caller)
{
	struct blockdriver_req req = { .caller = caller, .id = q->id,
	    .minor = q->minor, .drive = BDEV_MINOR_DRIVE(q->minor),
	    .part = BDEV_MINOR_PART(q->minor), .access = q->access,
	    .request = q->request, .grant = q->grant, .user = q->user };
	return req;
}

/* blockdriver_do_open: BDEV_OPEN (minor, access): -ENXIO for a minor that
 * is not there (an unused partition included), -EACCES to write a
 * read-only drive, else the driver's open (none: success). */
int blockdriver_do_open(const struct blockdriver *ops, const message *m)
{
	const struct mess_bdev_req *q = &m->u.bdev_req;
	if (q->access & ~(uint32_t) (BDEV_R_BIT | BDEV_W_BIT))
		return -EINVAL;
	int ro = blockdriver_read_only(q->minor);
	if (ro < 0)
		return ro;
	if (ro && (q->access & BDEV_W_BIT))
		return -EACCES;
	int r = blockdriver_opened(q->minor, 1);
	if (r != 0)
		return r;
	struct blockdriver_req req = request(q, m->m_source);
	r = ops->open ? ops->open(&req) : 0;
	if (r != 0)
		blockdriver_opened(q->minor, -1);
	return r;
}

/* blockdriver_do_close: BDEV_CLOSE (minor): the driver's close (none:
 * success). */
int blockdriver_do_close(const struct blockdriver *ops, const message *m)
{
	const struct mess_bdev_req *q = &m->u.bdev_req;
	int r = blockdriver_opened(q->minor, -1);
	if (r != 0)
		return r;
	struct blockdriver_req req = request(q, m->m_source);
	return ops->close ? ops->close(&req) : 0;
}

/* blockdriver_do_ioctl: BDEV_IOCTL (minor, request, grant): DIOCGETP
 * copies the minor's struct part_geom out, DIOCRESCAN reads the partition
 * table again, DIOCFLUSH calls the driver's flush on an existing minor
 * (no flush operation: 0); anything else goes to the driver's ioctl
 * (none: -ENOTTY). */
int blockdriver_do_ioctl(const struct blockdriver *ops, const message *m)
{
	const struct mess_bdev_req *q = &m->u.bdev_req;
	if (q->request == DIOCGETP) {
		struct part_geom g;
		int r = blockdriver_partition(q->minor, &g);
		if (r != 0)
			return r;
		return sys_safecopyto(m->m_source, q->grant, 0, &g,
		    sizeof(g));
	}
	if (q->request == DIOCRESCAN)
		return blockdriver_rescan(q->minor);
	int ro = blockdriver_read_only(q->minor);
	if (ro < 0)
		return ro;
	struct blockdriver_req req = request(q, m->m_source);
	if (q->request == DIOCFLUSH)
		return ops->flush ? ops->flush(&req) : 0;
	return ops->ioctl ? ops->ioctl(&req) : -ENOTTY;
}
