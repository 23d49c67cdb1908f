/* Device majors -> driver endpoints. DEVICE_LIST (abi/devices.h) gives the
 * bindings at boot; driver-up events from the data store (driver_up.c)
 * add and change them at run time. Block drivers' labels are kept too:
 * a mounted file system's server reaches its driver by label (libbdev). */
#include <string.h>
#include "vfs_server.h"

#define INIT_MAJOR(name, major, ep) [major] = ep,
static endpoint_t drivers[NR_MAJORS] = { DEVICE_LIST(INIT_MAJOR) };
#undef INIT_MAJOR
static char blk_labels[NR_MAJORS][MNT_LABEL_MAX];   /* "": none known */

/* blk_label_set: see vfs_server.h. A label too long for FS_READSUPER's
 * field is not kept. */
void blk_label_set(uint32_t major, const char *label)
{
	if (major >= NR_MAJORS || strlen(label) >= MNT_LABEL_MAX)
		return;
	strlcpy(blk_labels[major], label, MNT_LABEL_MAX);
}

/* blk_label: see vfs_server.h. */
const char *blk_label(uint32_t major)
{
	if (major >= NR_MAJORS || !blk_labels[major][0])
		return NULL;
	return blk_labels[major];
}

/* cdev_driver: see vfs_server.h. A major nobody ever bound is 0 in the
 * table: no endpoint is 0 (slot 0 stays unused). */
endpoint_t cdev_driver(uint32_t rdev)
{
	uint32_t major = DEV_MAJOR(rdev);
	if (major >= NR_MAJORS || drivers[major] == 0)
		return NONE;
	return drivers[major];
}

/* cdev_is_driver: see vfs_server.h. */
int cdev_is_driver(endpoint_t ep)
{
	if (ep == NONE || ep == 0)
		return 0;
	for (int i = 0; i < NR_MAJORS; i++)
		if (drivers[i] == ep)
			return 1;
	return 0;
}

/* cdev_bind: see vfs_server.h. The driver that had MAJOR (maybe the same
 * endpoint, restarted) lost what it was doing: the calls waiting on it
 * fail with -EIO. */
int cdev_bind(uint32_t major, endpoint_t ep)
{
	if (major == 0 || major >= NR_MAJORS || ep == NONE || ep == 0)
		return -EINVAL;
	endpoint_t old = drivers[major];
	drivers[major] = ep;
	if (old != 0)
		cdev_driver_gone(old);
	return 0;
}
