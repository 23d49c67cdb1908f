/* What the block-driver library knows of each drive in this instance of
 * the driver: its partition table and how often each minor is open. The
 * geometry is asked of the driver on every request (it may find drives
 * late); the partition table is read from the drive's first sector
 * through the driver's own transfer operation, into local memory. */
#include <stdio.h>
#include <string.h>
#include "blockdriver_priv.h"
#include <abi/errno.h>

struct drive {
	int table_read;                        /* parts holds the table */
	struct part_geom parts[BDEV_NR_PARTS];
	int opens[BDEV_MINORS_PER_DRIVE];      /* per minor: 0 whole, 1+P */
};

static struct drive drives[BLOCKDRIVER_MAX_DRIVES];
static const struct blockdriver *drv_ops;

/* blockdriver_set_ops: see blockdriver_priv.h. */
void blockdriver_set_ops(const struct blockdriver *ops)
{
	drv_ops = ops;
}

/* geometry: the geometry of MINOR's drive into *G and the drive's record
 * into *D. Returns 0 or -ENXIO (a minor out of range, no such drive, a
 * driver that reports a sector size of 0). */
static int geometry(int minor, struct blockdriver_geometry *g,
    struct drive **d)
{
	if (minor < 0 || !drv_ops ||
	    BDEV_MINOR_DRIVE(minor) >= BLOCKDRIVER_MAX_DRIVES)
		return -ENXIO;
	int drive = BDEV_MINOR_DRIVE(minor);
	memset(g, 0, sizeof(*g));
	if (drv_ops->geometry(drive, g) != 0 || g->sector_size == 0)
		return -ENXIO;
	*d = &drives[drive];
	return 0;
}

/* read_table: read the partition table of drive DRIVE (geometry G) into
 * D. A drive whose first sector cannot be read has no partitions; the
 * read's error is returned (the table counts as read: the next open of
 * the drive tries again). */
static int read_table(int drive, const struct blockdriver_geometry *g,
    struct drive *d)
{
	static uint8_t sector[4096];
	memset(d->parts, 0, sizeof(d->parts));
	d->table_read = 1;
	if (g->sector_size > sizeof(sector) || g->size < g->sector_size)
		return 0;
	struct blockdriver_iov iov = { .grant = BLOCKDRIVER_LOCAL,
	    .addr = sector, .size = g->sector_size };
	struct blockdriver_req req = { .caller = SELF,
	    .minor = BDEV_MINOR_WHOLE(drive), .drive = drive, .part = -1,
	    .write = 0, .pos = 0, .size = g->sector_size, .iov = &iov,
	    .iov_count = 1 };
	int r = drv_ops->transfer(&req);
	if (r != 0) {
		printf("blockdriver: drive %d: cannot read the partition "
		    "table (%d)\n", drive, r);
		return r;
	}
	blockdriver_parse_mbr(sector, g->size, g->sector_size, d->parts);
	return 0;
}

/* blockdriver_extent: see blockdriver_priv.h. */
int blockdriver_extent(int minor, uint64_t *base, uint64_t *size,
    uint32_t *sector)
{
	struct blockdriver_geometry g;
	struct drive *d;
	int r = geometry(minor, &g, &d);
	if (r != 0)
		return r;
	int part = BDEV_MINOR_PART(minor);
	*sector = g.sector_size;
	if (part < 0) {
		*base = 0;
		*size = g.size;
		return 0;
	}
	if (!d->table_read)
		read_table(BDEV_MINOR_DRIVE(minor), &g, d);
	if (d->parts[part].size == 0)
		return -ENXIO;
	*base = d->parts[part].base;
	*size = d->parts[part].size;
	return 0;
}

/* any_open: whether a minor of D is open; FROM 0 counts the whole drive,
 * FROM 1 only the partitions. */
static int any_open(const struct drive *d, int from)
{
	for (int i = from; i < BDEV_MINORS_PER_DRIVE; i++)
		if (d->opens[i] > 0)
			return 1;
	return 0;
}

/* blockdriver_opened: see blockdriver_priv.h. A close of a minor this
 * instance never saw open (the driver restarted meanwhile) changes
 * nothing. */
int blockdriver_opened(int minor, int delta)
{
	struct blockdriver_geometry g;
	struct drive *d;
	int r = geometry(minor, &g, &d);
	if (r != 0)
		return r;
	int *count = &d->opens[minor % BDEV_MINORS_PER_DRIVE];
	if (delta < 0) {
		if (*count > 0)
			(*count)--;
		return 0;
	}
	if (!any_open(d, 0))
		read_table(BDEV_MINOR_DRIVE(minor), &g, d);
	int part = BDEV_MINOR_PART(minor);
	if (part >= 0 && d->parts[part].size == 0)
		return -ENXIO;
	(*count)++;
	return 0;
}

/* blockdriver_rescan: see blockdriver_priv.h. */
int blockdriver_rescan(int minor)
{
	struct blockdriver_geometry g;
	struct drive *d;
	int r = geometry(minor, &g, &d);
	if (r != 0)
		return r;
	if (any_open(d, 1))
		return -EBUSY;
	return read_table(BDEV_MINOR_DRIVE(minor), &g, d);
}

/* blockdriver_read_only: see blockdriver_priv.h. */
int blockdriver_read_only(int minor)
{
	struct blockdriver_geometry g;
	struct drive *d;
	int r = geometry(minor, &g, &d);
	return r != 0 ? r : (g.read_only != 0);
}

/* blockdriver_partition: see blockdriver.h. */
int blockdriver_partition(int minor, struct part_geom *geom)
{
	struct blockdriver_geometry g;
	struct drive *d;
	int r = geometry(minor, &g, &d);
	if (r != 0)
		return r;
	uint32_t sector;
	memset(geom, 0, sizeof(*geom));
	r = blockdriver_extent(minor, &geom->base, &geom->size, &sector);
	if (r != 0)
		return r;
	geom->cylinders = g.cylinders;
	geom->heads = g.heads;
	geom->sectors = g.sectors;
	geom->sector_size = g.sector_size;
	return 0;
}
