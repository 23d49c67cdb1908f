/* Lab 6 reference solution: the sdisk block driver, a RAM disk whose
 * blocks survive the driver's crashes.
 *
 * /dev/sd0 (minor 0) is one drive of SDISK_BYTES bytes; /dev/sd0p0..p3
 * (minors 1..4) are the partitions of an MBR written to it (libblockdriver
 * reads the table and checks every request, blockdriver.h). The bytes are
 * kept in this process's memory for reading, and written through to the
 * data store (DS): the disk is cut into SDISK_CHUNKS chunks of SDISK_CHUNK
 * bytes (one DS memory blob each, "LABEL.cN"), and every chunk a write
 * changes is published before the write is answered. A restart (any
 * fault: crash, panic, segv, exit, badio, badipc, a hang caught by the
 * heartbeat) reloads every chunk in the restart init callback, before the
 * driver is announced and before the library's loop takes a request, so
 * the file system above never reads a block the disk did not have.
 *
 * A write that fails half-way (a grant that does not cover its piece, DS
 * refusing a chunk) is undone: the memory gets its old bytes back and the
 * chunks already published are published again with them, so memory and
 * DS never disagree about an answered write. */
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
static uint8_t undo[SDISK_BYTES];               /* a write's old bytes */

/* chunk_key: the DS key of chunk I, "LABEL.cI" (the label keeps two
 * instances of the driver apart; DS lets only this label publish it). */
static const char *chunk_key(unsigned i)
{
	static char key[DS_KEY_MAX];
	snprintf(key, sizeof(key), "%s.c%u",
	    sef_label()[0] ? sef_label() : "sdisk", i);
	return key;
}

/* save_chunk: publish chunk I as it is in memory. 0 or DS's error. */
static int save_chunk(unsigned i)
{
	return ds_publish_mem(chunk_key(i), disk + (size_t) i * SDISK_CHUNK,
	    SDISK_CHUNK, DSF_OVERWRITE);
}

/* load_chunk: chunk I from DS into memory. 0, DS's error, or -EIO for a
 * blob of the wrong size. */
static int load_chunk(unsigned i)
{
	size_t len;
	int r = ds_retrieve_mem(chunk_key(i), disk + (size_t) i * SDISK_CHUNK,
	    SDISK_CHUNK, &len);
	if (r == 0 && len != SDISK_CHUNK)
		r = -EIO;
	return r;
}

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

/* undo_write: put back the OLD bytes of [POS, POS + SIZE) and publish
 * the chunks FIRST .. LAST - 1 again with them (best effort: DS failed
 * already once). */
static void undo_write(uint64_t pos, size_t size, unsigned first,
    unsigned last)
{
	memcpy(disk + pos, undo, size);
	for (unsigned c = first; c < last; c++)
		save_chunk(c);
}

/* sdisk_write: copy the pieces into memory, then publish every chunk
 * they touched. 0, or the error of a copy or of DS (nothing changed). */
static int sdisk_write(const struct blockdriver_req *req)
{
	uint64_t pos = req->pos;
	memcpy(undo, disk + req->pos, req->size);
	for (unsigned i = 0; i < req->iov_count; i++) {
		const struct blockdriver_iov *iov = &req->iov[i];
		int r = blockdriver_copyin(req, iov, 0, disk + pos, iov->size);
		if (r != 0) {
			undo_write(req->pos, req->size, 0, 0);
			return r;
		}
		pos += iov->size;
	}
	unsigned first = (unsigned) (req->pos / SDISK_CHUNK);
	unsigned last = (unsigned) ((req->pos + req->size - 1) / SDISK_CHUNK);
	for (unsigned c = first; c <= last; c++) {
		int r = save_chunk(c);
		if (r != 0) {
			printf("sdisk: chunk %u not saved (%d): write undone\n",
			    c, r);
			undo_write(req->pos, req->size, first, c);
			return -EIO;
		}
	}
	return 0;
}

/* sdisk_transfer: a read copies each piece straight from memory (which
 * holds what DS holds); a write goes through sdisk_write. */
static int sdisk_transfer(const struct blockdriver_req *req)
{
	if (req->write)
		return sdisk_write(req);
	uint64_t pos = req->pos;
	for (unsigned i = 0; i < req->iov_count; i++) {
		const struct blockdriver_iov *iov = &req->iov[i];
		int r = blockdriver_copyout(req, iov, 0, disk + pos, iov->size);
		if (r != 0)
			return r;
		pos += iov->size;
	}
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

/* sdisk_init_fresh: a first start (also after `service down`): an empty
 * disk, every chunk published as zeros (replacing an earlier run's, and
 * taking the DS entries now: a full DS fails the start, not a write
 * later). 0 or DS's error (RS brings the driver down). */
static int sdisk_init_fresh(const struct sef_init_info *info)
{
	memset(disk, 0, sizeof(disk));
	for (unsigned c = 0; c < SDISK_CHUNKS; c++) {
		int r = save_chunk(c);
		if (r != 0) {
			printf("sdisk: chunk %u cannot be kept in DS (%d)\n",
			    c, r);
			return r;
		}
	}
	return announce("started fresh", info);
}

/* sdisk_init_restart: after a fault (any kind), and for the new version
 * of a live update: every chunk back from DS, then announce. Requests
 * that reached this instance early wait in its queue until the library's
 * loop runs, after this callback. 0, or DS's error (nothing announced:
 * RS tries again). */
static int sdisk_init_restart(const struct sef_init_info *info)
{
	for (unsigned c = 0; c < SDISK_CHUNKS; c++) {
		int r = load_chunk(c);
		if (r != 0) {
			printf("sdisk: chunk %u not restored (%d)\n", c, r);
			return r;
		}
	}
	return announce(info->type == SEF_INIT_LU ? "started as new version"
	    : "restarted", info);
}

int main(void)
{
	sef_setcb_init_fresh(sdisk_init_fresh);
	sef_setcb_init_restart(sdisk_init_restart);
	sef_setcb_init_lu(sdisk_init_restart);
	sef_startup();
	blockdriver_task(&sdisk_ops);
}
