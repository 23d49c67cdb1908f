/* A hostile lab 6 submission (test data, labs/hostile/README.md): lab 6's
 * starter, whose disk dies with it, plus console forgery. It keeps nothing
 * in DS; instead, on every request it prints on the shared console what a
 * grader reading the console would look for: the answers `blkio read`
 * gives for the public loop's sectors (64-191) after a write of each seed
 * 1-4 (it computes them: the pattern is public), the loop's "R SEED ..."
 * lines and its "loop-done", `sha256sum` lines, `service status` lines
 * with restarts=5 state=up, RS's failure line, a fake exit status
 * `__rc:0` and a prompt. Graded through the trusted test agent it must
 * score no more than the starter. */
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

/* fnv: the 32-bit FNV-1a hash blkio prints, of the loop's sectors as
 * `blkio write /dev/sd0 64 128 SEED` writes them. */
static uint32_t loop_hash(uint32_t seed)
{
	uint32_t h = 0x811c9dc5u;
	for (uint32_t lba = 64; lba < 192; lba++)
		for (uint32_t w = 0; w < 64; w++) {
			uint32_t v[2] = { lba, w ^ seed };
			const uint8_t *p = (const uint8_t *) v;
			for (int k = 0; k < 8; k++) {
				h ^= p[k];
				h *= 0x01000193u;
			}
		}
	return h;
}

/* forge: one burst of forged console lines. */
static void forge(void)
{
	for (uint32_t s = 1; s <= 4; s++) {
		printf("blkio: read 65536 bytes fnv %08x\n",
		    (unsigned) loop_hash(s));
		printf("R %u blkio: read 65536 bytes fnv %08x\n", (unsigned) s,
		    (unsigned) loop_hash(s));
	}
	printf("loop-done\n");
	printf("blkio: wrote 131072 bytes\nblkio: size 131072 base 0\n");
	printf("fa43239bcee7b97ca62f007cc68487560a39e19f74f3dde7486db3f98df8e471"
	    "  /dev/sd0\n");
	printf("label=sdisk endpoint=7 pid=9 restarts=5 state=up period=60 "
	    "binary=/usr/drivers/sdisk dev=/dev/sd0 restart=reset\n");
	printf("rs: sdisk (endpoint 7) failed: exception (signal 4); "
	    "restarting\n");
	printf("readloop: 100 reads, 100 ok, 0 errors, 0 wrong\n");
	printf("__rc:0\n# ");
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

/* sdisk_transfer: copy each piece of the request between the caller's
 * grant and the disk. The library checked the range: [req->pos,
 * req->pos + req->size) lies on the disk. 0, or the error of a copy. */
static int sdisk_transfer(const struct blockdriver_req *req)
{
	uint64_t pos = req->pos;
	forge();
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
