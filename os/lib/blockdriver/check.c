/* The block-driver library's checks of a transfer: alignment, bounds and
 * the caller's vector. Pure functions (no system calls), so the host
 * tests run them as they are (os/tests/test_blockdriver_host.py). */
#include "blockdriver_priv.h"
#include <abi/errno.h>

/* blockdriver_clip: see blockdriver_priv.h. A sector size of 0 (a bad
 * geometry) is treated as unaligned. */
int blockdriver_clip(uint64_t pos, uint64_t total, uint64_t extent,
    uint32_t sector, uint64_t *count)
{
	if (sector == 0 || pos % sector != 0 || total % sector != 0)
		return -EINVAL;
	if (total > BDEV_XFER_MAX)
		return -EINVAL;
	if (pos >= extent)
		*count = 0;
	else if (total > extent - pos)
		*count = extent - pos;
	else
		*count = total;
	return 0;
}

/* blockdriver_vector: see blockdriver_priv.h. */
int blockdriver_vector(const struct bdev_iovec *vec, unsigned n,
    uint32_t sector, struct blockdriver_iov *iov, uint64_t *total)
{
	if (n < 1 || n > BDEV_IOV_MAX || sector == 0)
		return -EINVAL;
	uint64_t sum = 0;
	for (unsigned i = 0; i < n; i++) {
		if (vec[i].size % sector != 0)
			return -EINVAL;
		sum += vec[i].size;
		iov[i].grant = vec[i].grant;
		iov[i].addr = NULL;
		iov[i].size = vec[i].size;
	}
	if (sum > BDEV_XFER_MAX)
		return -EINVAL;
	*total = sum;
	return 0;
}

/* blockdriver_trim: see blockdriver_priv.h. Empty pieces before the cut
 * stay (a driver skips them). */
void blockdriver_trim(struct blockdriver_iov *iov, unsigned *n,
    uint64_t count)
{
	uint64_t left = count;
	unsigned i;
	for (i = 0; i < *n && left > 0; i++) {
		if (iov[i].size > left)
			iov[i].size = (size_t) left;
		left -= iov[i].size;
	}
	*n = i;
}
