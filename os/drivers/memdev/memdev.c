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
int memdev_open(int minor, int flags, endpoint_t user)
{
	(void) flags;
	(void) user;
	return known(minor) ? 0 : -ENODEV;
}

/* memdev_close: the close operation. */
int memdev_close(int minor)
{
	return known(minor) ? 0 : -ENODEV;
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
int memdev_read(int minor, int32_t pos, uint32_t grant, size_t size,
    int flags, endpoint_t user, uint32_t id)
{
	(void) pos;
	(void) flags;
	(void) user;
	(void) id;
	if (minor == MEMORY_MINOR_NULL)
		return 0;
	if (minor == MEMORY_MINOR_ZERO || minor == MEMORY_MINOR_FULL)
		return fill_zeros(grant, size);
	return -ENODEV;
}

/* memdev_write: the write operation: null and zero take everything, full
 * nothing (-ENOSPC). */
int memdev_write(int minor, int32_t pos, uint32_t grant, size_t size,
    int flags, endpoint_t user, uint32_t id)
{
	(void) pos;
	(void) grant;
	(void) flags;
	(void) user;
	(void) id;
	if (minor == MEMORY_MINOR_NULL || minor == MEMORY_MINOR_ZERO)
		return (int) size;
	if (minor == MEMORY_MINOR_FULL)
		return -ENOSPC;
	return -ENODEV;
}
