/* libbdev's calls: open, close, read, write, gather, scatter, ioctl, each
 * one struct bdev_req for bdev_call. */
#include "bdev_priv.h"
#include <abi/errno.h>

/* bdev_open: see bdev.h. */
int bdev_open(uint32_t dev, uint32_t access)
{
	struct bdev_req q = { .type = BDEV_OPEN, .access = access };
	int r = bdev_call(dev, &q);
	if (r != 0)
		return r;
	r = bdev_opened(dev, access, 1);
	if (r != 0) {
		struct bdev_req c = { .type = BDEV_CLOSE };
		bdev_call(dev, &c);
	}
	return r;
}

/* bdev_close: see bdev.h. */
int bdev_close(uint32_t dev)
{
	bdev_opened(dev, 0, -1);
	struct bdev_req q = { .type = BDEV_CLOSE };
	return bdev_call(dev, &q);
}

/* bdev_read: see bdev.h. */
int bdev_read(uint32_t dev, uint64_t pos, void *buf, size_t count)
{
	struct bdev_piece p = { buf, count };
	struct bdev_req q = { .type = BDEV_READ, .pos = pos, .pieces = &p,
	    .n = 1 };
	return bdev_call(dev, &q);
}

/* bdev_write: see bdev.h. */
int bdev_write(uint32_t dev, uint64_t pos, const void *buf, size_t count)
{
	struct bdev_piece p = { (void *) buf, count };
	struct bdev_req q = { .type = BDEV_WRITE, .pos = pos, .pieces = &p,
	    .n = 1 };
	return bdev_call(dev, &q);
}

/* vector: GATHER or SCATTER (TYPE) of the N pieces V. */
static int vector(int type, uint32_t dev, uint64_t pos,
    const struct bdev_piece *v, unsigned n)
{
	if (n < 1 || n > BDEV_IOV_MAX)
		return -EINVAL;
	struct bdev_req q = { .type = type, .pos = pos, .pieces = v, .n = n };
	return bdev_call(dev, &q);
}

/* bdev_gather: see bdev.h. */
int bdev_gather(uint32_t dev, uint64_t pos, const struct bdev_piece *v,
    unsigned n)
{
	return vector(BDEV_GATHER, dev, pos, v, n);
}

/* bdev_scatter: see bdev.h. */
int bdev_scatter(uint32_t dev, uint64_t pos, const struct bdev_piece *v,
    unsigned n)
{
	return vector(BDEV_SCATTER, dev, pos, v, n);
}

/* bdev_ioctl: see bdev.h. */
int bdev_ioctl(uint32_t dev, uint32_t request, void *arg)
{
	struct bdev_req q = { .type = BDEV_IOCTL, .request = request,
	    .arg = arg };
	return bdev_call(dev, &q);
}
