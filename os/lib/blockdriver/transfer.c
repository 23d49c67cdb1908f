/* The block-driver library's transfers: BDEV_READ, BDEV_WRITE (one grant)
 * and BDEV_GATHER, BDEV_SCATTER (a vector of grants). Each is checked
 * (minor, alignment, vector), clipped at the end of the minor device,
 * moved to the drive's positions and given to the driver's transfer
 * operation whole: the answer is the byte count or the driver's error,
 * never both (abi/blockdev.h). */
#include "blockdriver_priv.h"
#include "syslib.h"
#include <abi/errno.h>

/* transfer: the checked transfer of request Q (WRITE or not) over the
 * N pieces IOV holding TOTAL bytes. Returns the bytes moved or a negative
 * error. */
static int transfer(const struct blockdriver *ops,
    const struct mess_bdev_req *q, endpoint_t caller, int write,
    struct blockdriver_iov *iov, unsigned n, uint64_t total)
{
	uint64_t base, extent, count;
	uint32_t sector;
	int r = blockdriver_extent(q->minor, &base, &extent, &sector);
	if (r != 0)
		return r;
	r = blockdriver_clip(q->pos, total, extent, sector, &count);
	if (r != 0)
		return r;
	for (unsigned i = 0; i < n; i++)
		if (iov[i].size % sector != 0)
			return -EINVAL;
	if (count == 0)
		return 0;
	blockdriver_trim(iov, &n, count);
	struct blockdriver_req req = { .caller = caller, .id = q->id,
	    .minor = q->minor, .drive = BDEV_MINOR_DRIVE(q->minor),
	    .part = BDEV_MINOR_PART(q->minor), .write = write,
	    .pos = base + q->pos, .size = (size_t) count, .iov = iov,
	    .iov_count = n };
	r = ops->transfer(&req);
	return r < 0 ? r : (int) count;
}

/* single: BDEV_READ or BDEV_WRITE M: one piece, the caller's grant. */
static int single(const struct blockdriver *ops, const message *m, int write)
{
	const struct mess_bdev_req *q = &m->u.bdev_req;
	if (q->size > BDEV_XFER_MAX)
		return -EINVAL;
	struct blockdriver_iov iov = { .grant = q->grant, .addr = NULL,
	    .size = q->size };
	return transfer(ops, q, m->m_source, write, &iov, 1, q->size);
}

/* vector: BDEV_GATHER or BDEV_SCATTER M: the caller's vector of q->size
 * elements, copied in through its grant q->grant. */
static int vector(const struct blockdriver *ops, const message *m, int write)
{
	static struct bdev_iovec vec[BDEV_IOV_MAX];
	static struct blockdriver_iov iov[BDEV_IOV_MAX];
	const struct mess_bdev_req *q = &m->u.bdev_req;
	if (q->size < 1 || q->size > BDEV_IOV_MAX)
		return -EINVAL;
	int r = sys_safecopyfrom(m->m_source, q->grant, 0, vec,
	    q->size * sizeof(vec[0]));
	if (r != 0)
		return r;
	uint64_t total;
	/* Alignment is checked against the minor's sector size in
	 * transfer(); here only the shape of the vector (sector 1). */
	r = blockdriver_vector(vec, q->size, 1, iov, &total);
	if (r != 0)
		return r;
	return transfer(ops, q, m->m_source, write, iov, q->size, total);
}

/* blockdriver_do_read: BDEV_READ (minor, pos, grant, size). */
int blockdriver_do_read(const struct blockdriver *ops, const message *m)
{
	return single(ops, m, 0);
}

/* blockdriver_do_write: BDEV_WRITE (as READ). */
int blockdriver_do_write(const struct blockdriver *ops, const message *m)
{
	return single(ops, m, 1);
}

/* blockdriver_do_gather: BDEV_GATHER (minor, pos, grant of the vector,
 * size = its elements): read into the vector. */
int blockdriver_do_gather(const struct blockdriver *ops, const message *m)
{
	return vector(ops, m, 0);
}

/* blockdriver_do_scatter: BDEV_SCATTER (as GATHER): write from the
 * vector. */
int blockdriver_do_scatter(const struct blockdriver *ops, const message *m)
{
	return vector(ops, m, 1);
}
