/* The ext2 server's device, clock and write-back: the core's struct
 * ext2_bdev over libbdev (which hides a block driver's restarts), the
 * time, and the alarm that writes changes back a few seconds after they
 * were made. */
#include <stdio.h>
#include "syslib.h"
#include "bdev.h"
#include "srv.h"

#define SECTOR 512u

/* Whether a libbdev call was made since the last e2s_after_request (it
 * may have waited for a driver, and libbdev's wait sets and cancels the
 * alarm the server shares with it). */
static int dev_used;
/* The write-back alarm: armed, and the tick it rings at. */
static int flush_armed;
static uint32_t flush_at;

/* dev_read: read COUNT sectors from sector FIRST of the mounted device
 * into BUF. 0, or -EIO when the device ends before (a short transfer),
 * or libbdev's error. */
static int dev_read(void *ctx, uint64_t first, uint32_t count, void *buf)
{
	(void) ctx;
	dev_used = 1;
	int r = bdev_read(e2s_mnt.dev, first * SECTOR, buf, count * SECTOR);
	if (r < 0)
		return r;
	return (uint32_t) r == count * SECTOR ? 0 : -EIO;
}

/* dev_write: as dev_read, writing. */
static int dev_write(void *ctx, uint64_t first, uint32_t count,
    const void *buf)
{
	(void) ctx;
	dev_used = 1;
	int r = bdev_write(e2s_mnt.dev, first * SECTOR, buf, count * SECTOR);
	if (r < 0)
		return r;
	return (uint32_t) r == count * SECTOR ? 0 : -EIO;
}

const struct ext2_bdev e2s_dev_ops = {
	.ctx = NULL,
	.sector_size = SECTOR,
	.read_block = dev_read,
	.write_block = dev_write,
};

/* e2s_now: see srv.h. clock_time(): from the kernel (SYS_TIMES: the
 * boot time the kernel read from the RTC plus the uptime), never from PM
 * as libc's time() asks: PM may be waiting for VFS, which waits for this
 * server. */
uint32_t e2s_now(void)
{
	return clock_time();
}

/* e2s_flush_drive: see srv.h. */
int e2s_flush_drive(void)
{
	dev_used = 1;
	int r = bdev_ioctl(e2s_mnt.dev, DIOCFLUSH, NULL);
	return r == -ENOTTY || r == -EINVAL ? 0 : r;
}

/* uptime_ticks: clock ticks since boot (0 if unknown). */
static uint32_t uptime_ticks(void)
{
	struct mess_kc_times t;
	return sys_times(SELF, &t) == 0 ? t.uptime : 0;
}

/* has_dirty: whether the cache holds blocks not yet written back. */
static int has_dirty(void)
{
	for (uint32_t i = 0; i < e2s_fs.nbuf; i++)
		if (e2s_fs.buf[i].dirty)
			return 1;
	return 0;
}

/* e2s_after_request: see srv.h. */
void e2s_after_request(void)
{
	int changed = e2s_changed;
	e2s_changed = 0;
	if (e2s_mnt.state != E2S_MOUNTED || e2s_mnt.rdonly) {
		dev_used = 0;
		return;
	}
	if (!flush_armed && (changed || has_dirty())) {
		flush_at = uptime_ticks() + E2S_FLUSH_SECONDS * CLOCK_HZ;
		flush_armed = 1;
		sys_setalarm(flush_at, 1, NULL);
	} else if (flush_armed && dev_used) {
		sys_setalarm(flush_at, 1, NULL);  /* libbdev may have taken it */
	}
	dev_used = 0;
}

/* e2s_alarm: see srv.h. A failure stays on the console; the blocks stay
 * dirty for the next sync. */
void e2s_alarm(void)
{
	flush_armed = 0;
	if (e2s_mnt.state != E2S_MOUNTED || e2s_mnt.rdonly)
		return;
	int r = ext2_sync(&e2s_fs);
	if (r == 0)
		r = e2s_flush_drive();
	if (r != 0)
		printf("ext2: write-back of device %d/%d failed (%d)\n",
		    DEV_MAJOR(e2s_mnt.dev), DEV_MINOR(e2s_mnt.dev), r);
	dev_used = 0;
	/* ext2_sync leaves nothing dirty unless a write failed: then the
	 * next request arms the alarm again. */
}

/* e2s_flush_cancel: see srv.h. */
void e2s_flush_cancel(void)
{
	if (flush_armed)
		sys_setalarm(0, 0, NULL);
	flush_armed = 0;
	dev_used = 0;
}

/* e2s_flush_rearm: see srv.h. */
void e2s_flush_rearm(void)
{
	flush_armed = 0;
	dev_used = 0;
	e2s_changed = 1;
	e2s_after_request();
}
