/* Lab 6 starter: the sdisk block driver. It works, until it crashes.
 *
 * /dev/sd0 (minor 0) is one drive of SDISK_BYTES bytes; /dev/sd0p0..p3
 * (minors 1..4) are the partitions of an MBR written to it.
 * libblockdriver (blockdriver.h) does the protocol for us: it receives
 * the requests, checks the minor, the alignment and the bounds, reads the
 * partition table, turns a partition's position into the drive's, and
 * calls sdisk_transfer() only for a range that lies on the drive.
 *
 * The bytes live only in this process's memory: when the driver crashes,
 * the reincarnation server (RS) starts a new instance and the disk is
 * zeros again, under the feet of whatever was using it (a file system
 * mounted on it sees its blocks vanish). Your job (README.md): keep every
 * block in the data store (DS) as it is written, and bring them all back
 * when the driver is restarted, so that no program above ever notices the
 * crash. The TODOs mark where. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "blockdriver.h"
#include "ds.h"
#include "sef.h"

#define SDISK_CHUNK  DS_MEM_MAX                 /* bytes per DS blob */
#define SDISK_CHUNKS 32u                        /* blobs: 128 KiB */
#define SDISK_BYTES  (SDISK_CHUNK * SDISK_CHUNKS)
#define SDISK_HEADS   4u                        /* a made-up geometry */
#define SDISK_SECTORS 16u

static uint8_t disk[SDISK_BYTES];

/* TODO (step 1): a DS key for each chunk, unique to this instance: build
 * it from sef_label() and the chunk's number (ds.h: at most DS_KEY_MAX
 * bytes with the NUL).
 *
 * TODO (step 2): save_chunk(i): publish SDISK_CHUNK bytes of chunk i with
 * ds_publish_mem(..., DSF_OVERWRITE); load_chunk(i): get them back with
 * ds_retrieve_mem() (check the length you got). */

/* sdisk_geometry: drive 0 only. */
static int sdisk_geometry(int drive, struct blockdriver_geometry *g)
{
	if (drive != 0)
		return -ENXIO;
	g->size = SDISK_BYTES;
	g->sector_size = BDEV_SECTOR_SIZE;
	g->heads = SDISK_HEADS;
	g->sectors = SDISK_SECTORS;
	g->cylinders = SDISK_BYTES /
	    (SDISK_HEADS * SDISK_SECTORS * BDEV_SECTOR_SIZE);
	return 0;
}

/* sdisk_transfer: copy each piece of the request between the caller's
 * grant and the disk. The library checked the range: [req->pos,
 * req->pos + req->size) lies on the disk. 0, or the error of a copy. */
static int sdisk_transfer(const struct blockdriver_req *req)
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
	/* TODO (step 3): for a write, publish every chunk the range
	 * [req->pos, req->pos + req->size) touched, BEFORE returning 0 (the
	 * library answers the write when this function returns). What must
	 * happen when a copy or a publish fails half-way? */
	return 0;
}

static const struct blockdriver sdisk_ops = {
	.geometry = sdisk_geometry,
	.transfer = sdisk_transfer,
};

/* announce: say how the driver started, then tell VFS and the file
 * servers that it serves its major. 0 or the announce's error. */
static int announce(const char *how, const struct sef_init_info *info)
{
	printf("sdisk: %s, %u KiB in %u chunks (restarts %d)\n", how,
	    (unsigned) (SDISK_BYTES / 1024), (unsigned) SDISK_CHUNKS,
	    info->restarts);
	return blockdriver_announce(info);
}

/* sdisk_init_fresh: a first start: an empty disk. */
static int sdisk_init_fresh(const struct sef_init_info *info)
{
	memset(disk, 0, sizeof(disk));
	/* TODO (step 4): publish every chunk (zeros), replacing what an
	 * earlier run of the driver left in DS. Return DS's error if one
	 * fails. */
	return announce("started fresh", info);
}

/* TODO (step 5): a restart init callback that loads every chunk from DS
 * BEFORE announcing the driver (use announce("restarted", info)),
 * registered with sef_setcb_init_restart() (and for a live update with
 * sef_setcb_init_lu()). Without one, SEF runs the fresh init after a
 * crash, as now: a disk of zeros. */

int main(void)
{
	sef_setcb_init_fresh(sdisk_init_fresh);
	sef_startup();
	blockdriver_task(&sdisk_ops);
}
