/* libbdev's drivers: which label serves which major, each driver's
 * current endpoint, the devices the file server has open (opened again
 * at a driver that came back), and the data store's driver-up events. */
#include <stdio.h>
#include <string.h>
#include "bdev_priv.h"
#include "ds.h"
#include <abi/errno.h>
#include <abi/ds.h>

#define UP_PREFIX "drv.blk."

static struct bdev_drv drivers[BDEV_MAX_DRIVERS];

static struct {
	uint32_t dev;
	uint32_t access;               /* the union of its opens' */
	int count;                     /* 0: the slot is free */
} opens[BDEV_MAX_OPEN];

/* bdev_drv_of: see bdev_priv.h. */
struct bdev_drv *bdev_drv_of(uint32_t major)
{
	for (int i = 0; i < BDEV_MAX_DRIVERS; i++)
		if (drivers[i].used && drivers[i].major == major)
			return &drivers[i];
	return NULL;
}

/* bdev_driver: see bdev.h. Binding a major again replaces its label. */
int bdev_driver(uint32_t major, const char *label)
{
	char key[DS_KEY_MAX];
	if (!label[0] || strlen(label) >= SEF_LABEL_MAX)
		return -EINVAL;
	struct bdev_drv *d = bdev_drv_of(major);
	for (int i = 0; !d && i < BDEV_MAX_DRIVERS; i++)
		if (!drivers[i].used)
			d = &drivers[i];
	if (!d)
		return -ENOSPC;
	endpoint_t ep;
	int r = ds_retrieve_label_endpt(label, &ep);
	if (r != 0)
		return r;
	snprintf(key, sizeof(key), UP_PREFIX "%s", label);
	r = ds_subscribe(key, 0);
	if (r != 0)
		return r;
	memset(d, 0, sizeof(*d));
	d->used = 1;
	d->major = major;
	snprintf(d->label, sizeof(d->label), "%s", label);
	d->ep = ep;
	return 0;
}

/* bdev_opened: see bdev_priv.h. */
int bdev_opened(uint32_t dev, uint32_t access, int delta)
{
	int free_slot = -1;
	for (int i = 0; i < BDEV_MAX_OPEN; i++) {
		if (opens[i].count == 0) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		if (opens[i].dev != dev)
			continue;
		opens[i].count += delta;
		opens[i].access |= delta > 0 ? access : 0;
		return 0;
	}
	if (delta < 0)
		return 0;
	if (free_slot < 0)
		return -ENOSPC;
	opens[free_slot].dev = dev;
	opens[free_slot].access = access;
	opens[free_slot].count = 1;
	return 0;
}

/* reopen: open every open device of D at its new instance (one BDEV_OPEN
 * per device, whatever the file server's count: the driver only needs to
 * know it is open). An answer that is not 0 is reported; the requests
 * that follow get the driver's errors. */
static void reopen(struct bdev_drv *d)
{
	for (int i = 0; i < BDEV_MAX_OPEN; i++) {
		if (opens[i].count == 0 || DEV_MAJOR(opens[i].dev) != (int) d->major)
			continue;
		struct bdev_req q = { .type = BDEV_OPEN,
		    .access = opens[i].access };
		int r = bdev_send_once(d->ep, opens[i].dev, &q);
		if (r != 0)
			printf("bdev: %s: device %u/%u not opened again (%d)\n",
			    d->label, (unsigned) d->major,
			    (unsigned) DEV_MINOR(opens[i].dev), r);
	}
}

/* bdev_ds_event: see bdev.h. A driver-up event of one of our drivers
 * (with a running owner) gives its endpoint; the open devices are opened
 * again at it, and calls waiting for it may go on (ups). */
void bdev_ds_event(void)
{
	char key[DS_KEY_MAX];
	int type;
	endpoint_t owner;
	while (ds_check(key, &type, &owner) == 0) {
		if (type != DS_TYPE_U32 || owner == NONE ||
		    strncmp(key, UP_PREFIX, sizeof(UP_PREFIX) - 1) != 0)
			continue;
		const char *label = key + sizeof(UP_PREFIX) - 1;
		for (int i = 0; i < BDEV_MAX_DRIVERS; i++) {
			struct bdev_drv *d = &drivers[i];
			if (!d->used || strcmp(d->label, label) != 0)
				continue;
			d->ep = owner;
			d->ups++;
			reopen(d);
		}
	}
}
