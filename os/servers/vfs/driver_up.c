/* Driver-up events: a character driver that finished its init publishes
 * the u32 "drv.chr.<label>" = its major in the data store (abi/ds.h), a
 * block driver "drv.blk.<label>" (abi/blockdev.h). VFS subscribes to
 * those keys and binds each major to the entry's owner, so device files
 * reach a driver started or restarted after boot; for a block driver it
 * then opens the device's open files again and carries on the calls that
 * waited for it (bdev.c), and keeps the block driver's label (a mount
 * hands it to the file server). */
#include <stdio.h>
#include <string.h>
#include "ds.h"
#include "vfs_server.h"

#define CHR_PATTERN "drv.chr.*"
#define BLK_PATTERN "drv.blk.*"
#define BLK_PREFIX  "drv.blk."

static int subscribed;

/* driver_up_init: see vfs_server.h. DSF_INITIAL: drivers that came up
 * before VFS count too. No DS (test images): nothing to do. */
void driver_up_init(void)
{
	int r = ds_subscribe(CHR_PATTERN, DSF_INITIAL);
	if (r == 0) {
		subscribed = 1;
		r = ds_subscribe(BLK_PATTERN, DSF_INITIAL);
	}
	if (r != 0 && r != -EDEADSRCDST && r != -EINVAL)
		printf("vfs: cannot subscribe to driver-up events (%d)\n", r);
}

/* driver_up_event: see vfs_server.h. A deleted entry (type 0) changes
 * nothing: requests to a dead driver fail by themselves. */
void driver_up_event(void)
{
	if (!subscribed)
		return;
	char key[DS_KEY_MAX];
	int type;
	endpoint_t owner;
	while (ds_check(key, &type, &owner) == 0) {
		if (type != DS_TYPE_U32 || owner == NONE)
			continue;
		uint32_t major;
		if (ds_retrieve_u32(key, &major) != 0)
			continue;
		int r = cdev_bind(major, owner);
		if (r != 0) {
			printf("vfs: %s: bad major %u (%d)\n", key, major, r);
			continue;
		}
		if (strncmp(key, BLK_PREFIX, sizeof(BLK_PREFIX) - 1) == 0) {
			blk_label_set(major, key + sizeof(BLK_PREFIX) - 1);
			bdev_driver_up(major);
		}
	}
}
