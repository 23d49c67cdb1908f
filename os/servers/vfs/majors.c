/* Device majors -> driver endpoints. DEVICE_LIST (abi/devices.h) gives the
 * bindings at boot; driver-up events from the data store (driver_up.c)
 * add and change them at run time. */
#include "vfs_server.h"

#define INIT_MAJOR(name, major, ep) [major] = ep,
static endpoint_t drivers[NR_MAJORS] = { DEVICE_LIST(INIT_MAJOR) };
#undef INIT_MAJOR

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
