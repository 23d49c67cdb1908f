/* The ramdisk driver: one drive held in the driver's memory, served as a
 * block device through libblockdriver (blockdriver.h): /dev/ram0 (minor
 * 0, the whole disk) and /dev/ram0p0..p3 (minors 1..4, the partitions of
 * an MBR written to it). Its size is the argument "size=KIB" (default
 * RAMDISK_DEFAULT_KIB), e.g. `service up /usr/drivers/ramdisk -dev
 * /dev/ram0 -args "size=512"`.
 *
 * The contents live in this process only: a restart starts with a disk of
 * zeros (the file system above a RAM disk must expect that; a disk
 * driver's contents are on the disk), and a live update, which would do
 * the same, is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "driver.h"

#define RAMDISK_DEFAULT_KIB 1024u
#define RAMDISK_MAX_KIB     (32u * 1024u)   /* MM's limits leave room */
#define RAMDISK_HEADS       16u             /* a made-up CHS geometry */
#define RAMDISK_SECTORS     32u

static uint32_t disk_kib = RAMDISK_DEFAULT_KIB;
static uint8_t *disk;

/* ramdisk_geometry: drive 0 only, once its memory is there. */
static int ramdisk_geometry(int drive, struct blockdriver_geometry *g)
{
	if (drive != 0 || !disk)
		return -ENXIO;
	g->size = (uint64_t) disk_kib * 1024u;
	g->sector_size = BDEV_SECTOR_SIZE;
	g->heads = RAMDISK_HEADS;
	g->sectors = RAMDISK_SECTORS;
	g->cylinders = (uint32_t) (g->size /
	    (RAMDISK_HEADS * RAMDISK_SECTORS * BDEV_SECTOR_SIZE));
	return 0;
}

/* ramdisk_transfer: copy each piece straight between the caller's grant
 * and the disk. The library checked the range; a piece whose grant fails
 * fails the whole request (what was written before it stays written, as
 * on a real disk). */
static int ramdisk_transfer(const struct blockdriver_req *req)
{
	uint64_t pos = req->pos;
	for (unsigned i = 0; i < req->iov_count; i++) {
		const struct blockdriver_iov *iov = &req->iov[i];
		int r = req->write ?
		    blockdriver_copyin(req, iov, 0, disk + pos, iov->size) :
		    blockdriver_copyout(req, iov, 0, disk + pos, iov->size);
		if (r != 0)
			return r;
		pos += iov->size;
	}
	return 0;
}

static const struct blockdriver ramdisk_ops = {
	.geometry = ramdisk_geometry,
	.transfer = ramdisk_transfer,
};

/* ramdisk_init: SEF init callback for every kind of start: get the
 * memory (zeroed: a new instance has nothing of the old one's) and
 * announce the device. Returns 0, or -ENOMEM. */
static int ramdisk_init(const struct sef_init_info *info)
{
	if (!disk)
		disk = calloc(disk_kib, 1024u);
	if (!disk) {
		log_error("cannot get %u KiB", (unsigned) disk_kib);
		return -ENOMEM;
	}
	int r = blockdriver_announce(info);
	if (r != 0)
		return r;
	log_info("/dev/ram0 ready, %u KiB", (unsigned) disk_kib);
	return 0;
}

/* ramdisk_lu_isvalid: no live-update prepare state is supported: a new
 * version would start with an empty disk, so RS refuses `service update`
 * and the contents stay. Returns 0 (not supported). */
static int ramdisk_lu_isvalid(int state)
{
	(void) state;
	return 0;
}

/* parse_args: "size=KIB" (1 .. RAMDISK_MAX_KIB); anything else is
 * reported and ignored. */
static void parse_args(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "size=", 5) == 0) {
			char *end;
			unsigned long kib = strtoul(argv[i] + 5, &end, 10);
			if (*end == '\0' && kib >= 1 && kib <= RAMDISK_MAX_KIB) {
				disk_kib = (uint32_t) kib;
				continue;
			}
		}
		log_warn("argument '%s' ignored (size=KIB, 1..%u)", argv[i],
		    (unsigned) RAMDISK_MAX_KIB);
	}
}

/* main: the arguments, SEF (the fresh init serves every kind of start),
 * then the library's loop. */
int main(int argc, char *argv[])
{
	parse_args(argc, argv);
	sef_setcb_init_fresh(ramdisk_init);
	sef_setcb_lu_state_isvalid(ramdisk_lu_isvalid);
	sef_startup();
	blockdriver_task(&ramdisk_ops);
}
