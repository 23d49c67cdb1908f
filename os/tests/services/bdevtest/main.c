/* bdevtest: libbdev (os/lib/bdev) checked from a service, as a file
 * server uses it, against the RAM disk (sdk/examples/ramdisk, major 13).
 * Started by os/tests/test_blockdev.py with `service up
 * /usr/tests/bdevtest` after the ramdisk; both with a test manifest
 * (`ipc ALL`: each must reach the other, whichever started first).
 *
 * Its init binds major 13 to the label "ramdisk", opens /dev/ram0's
 * device and writes a 64 KiB pattern, then prints
 *   bdevtest: ready
 * Its loop reads the pattern back once per clock tick (the ticks between
 * reads leave the CPU to the shell, which injects the fault), until a
 * read returns zeros: the driver was restarted (a new RAM disk is empty)
 * and libbdev sent the read to the new instance. A read that fails or
 * returns anything else ends the run. Then it writes and reads back at
 * the new instance and prints one of
 *   bdevtest: OK: N reads, the restarted driver answered read K
 *   bdevtest: FAILED: WHAT
 * and serves nothing more (driver-up events only). */
#include <stdio.h>
#include <string.h>
#include <abi/boot.h>
#include <abi/stat.h>
#include "bdev.h"
#include "sef.h"
#include "syslib.h"

#define DISK   DEV_MAKE(13, 0)
#define AREA   (64u * 1024u)
#define MAX_READS 6000                 /* a minute of ticks */

static unsigned char pat[AREA], buf[AREA];

/* fill: the pattern of SEED into PAT. */
static void fill(unsigned seed)
{
	for (unsigned i = 0; i < AREA; i++)
		pat[i] = (unsigned char) (i * 7u + seed + (i >> 9));
}

/* is_zero: whether BUF holds only zeros. */
static int is_zero(void)
{
	for (unsigned i = 0; i < AREA; i++)
		if (buf[i])
			return 0;
	return 1;
}

/* bdevtest_init: SEF init (fresh): bind, open, write the pattern. 0, or
 * the first error (the start fails). */
static int bdevtest_init(const struct sef_init_info *info)
{
	(void) info;
	int r = bdev_driver(13, "ramdisk");
	if (r == 0)
		r = bdev_open(DISK, BDEV_R_BIT | BDEV_W_BIT);
	fill(1);
	if (r == 0 && (r = bdev_write(DISK, 0, pat, AREA)) == (int) AREA)
		r = 0;
	if (r != 0) {
		printf("bdevtest: FAILED: start (%d)\n", r);
		return r < 0 ? r : -EIO;
	}
	printf("bdevtest: ready\n");
	return 0;
}

/* next_tick: wait for the next clock tick, handling driver-up events. */
static void next_tick(void)
{
	sys_setalarm(1, 0, NULL);
	for (;;) {
		message m;
		if (bdev_receive(&m) != 0)
			continue;
		if (m.m_type != NOTIFY_MESSAGE)
			continue;
		if (m.m_source == DS_EP)
			bdev_ds_event();
		else if (m.m_source == CLOCK)
			return;
	}
}

/* run: the reads until the restarted driver answers, then a write and a
 * read at it. Prints the verdict. */
static void run(void)
{
	for (unsigned n = 1; n <= MAX_READS; n++) {
		int r = bdev_read(DISK, 0, buf, AREA);
		if (r != (int) AREA) {
			printf("bdevtest: FAILED: read %u gave %d\n", n, r);
			return;
		}
		if (is_zero()) {
			fill(2);
			r = bdev_write(DISK, 4096, pat, 8192);
			int r2 = bdev_read(DISK, 4096, buf, 8192);
			if (r != 8192 || r2 != 8192 || memcmp(buf, pat, 8192))
				printf("bdevtest: FAILED: the new driver: write "
				    "%d, read %d\n", r, r2);
			else
				printf("bdevtest: OK: %u reads, the restarted "
				    "driver answered read %u\n", n, n);
			return;
		}
		if (memcmp(buf, pat, AREA) != 0) {
			printf("bdevtest: FAILED: read %u: wrong data\n", n);
			return;
		}
		next_tick();
	}
	printf("bdevtest: FAILED: no restart in %u reads\n", MAX_READS);
}

/* main: SEF, the run, then only driver-up events. */
int main(void)
{
	sef_setcb_init_fresh(bdevtest_init);
	sef_startup();
	run();
	for (;;) {
		message m;
		if (bdev_receive(&m) == 0 && m.m_type == NOTIFY_MESSAGE &&
		    m.m_source == DS_EP)
			bdev_ds_event();
	}
}
