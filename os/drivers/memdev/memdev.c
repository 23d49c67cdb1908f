/* The memory devices' operations. /dev/null: reads end at once, writes
 * vanish. /dev/zero: reads give zeros, writes vanish. /dev/full: reads
 * give zeros, writes fail with -ENOSPC. */
#include "memdev.h"
#include <abi/devices.h>
#include <abi/errno.h>

#define ZEROS 4096   /* bytes of zeros copied per safecopy */

static const char zeros[ZEROS];

/* known: whether MINOR is one of the devices. */
static int known(int minor)
{
	return minor == MEMORY_MINOR_NULL || minor == MEMORY_MINOR_ZERO ||
	    minor == MEMORY_MINOR_FULL;
}

/* memdev_open: the open operation: -ENODEV for an unknown minor. */
int memdev_open(const struct chardriver_req *req)
{
	return known(req->minor) ? 0 : -ENODEV;
}

/* memdev_close: the close operation. */
int memdev_close(const struct chardriver_req *req)
{
	return known(req->minor) ? 0 : -ENODEV;
}

/* fill_zeros: SIZE zero bytes into GRANT. Returns SIZE, or the bytes
 * written before a copy failed (its error when none were). */
static int fill_zeros(uint32_t grant, size_t size)
{
	size_t done = 0;
	while (done < size) {
		size_t n = size - done < ZEROS ? size - done : ZEROS;
		int r = chardriver_copyout(grant, done, zeros, n);
		if (r != 0)
			return done ? (int) done : r;
		done += n;
	}
	return (int) done;
}

/* memdev_read: the read operation: 0 bytes from null, zeros from zero and
 * full. */
int memdev_read(const struct chardriver_req *req)
{
	if (req->minor == MEMORY_MINOR_NULL)
		return 0;
	if (req->minor == MEMORY_MINOR_ZERO || req->minor == MEMORY_MINOR_FULL)
		return fill_zeros(req->grant, req->size);
	return -ENODEV;
}

/* memdev_write: the write operation: null and zero take everything, full
 * nothing (-ENOSPC). */
int memdev_write(const struct chardriver_req *req)
{
	if (req->minor == MEMORY_MINOR_NULL || req->minor == MEMORY_MINOR_ZERO)
		return (int) req->size;
	if (req->minor == MEMORY_MINOR_FULL)
		return -ENOSPC;
	return -ENODEV;
}
