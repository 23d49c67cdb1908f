/* blktest: the block devices' guest suite, run by os/tests/test_blockdev.py
 * on the RAM disk (sdk/examples/ramdisk) through VFS's block special files
 * (/dev/ram0, /dev/ram0p0..p3; abi/blockdev.h). `blktest` runs every case
 * in source order, `blktest NAME...` the named ones (os/tests/kit); each in
 * a child (the POSIX backend). Run as root: the device files are root's.
 *
 *   roundtrip        a pattern written at odd positions and sizes reads back
 *   bounds           the end of the device: reads stop, writes -ENOSPC
 *   partitions       an MBR with two partitions: p0 and p1 get their extents
 *   update_refused   `service update self -label ramdisk` fails, the data
 *                    stays
 *   crash_recovery   `service fi ramdisk crash` (from a child) during reads:
 *                    no read fails, the new driver answers (its disk is
 *                    new: zeros)
 *   every_fault_kind the same for every fault kind (crash, panic, segv,
 *                    hang, exit, badio, badipc), one after the other
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <abi/blockdev.h>
#include "../../kit/kit.h"

#define DISK "/dev/ram0"
#define AREA (64 * 1024)          /* bytes the cases write */

static unsigned char pat[AREA], buf[AREA];

/* fill: PAT gets a pattern that differs for every byte and SEED. */
static void fill(unsigned seed)
{
	for (unsigned i = 0; i < AREA; i++)
		pat[i] = (unsigned char) ((i * 131u + seed * 7u + (i >> 9)) ^
		    (i >> 3));
}

/* pread_all: read LEN bytes at POS of FD into BUF; returns read()'s
 * result (after the lseek). */
static ssize_t pread_all(int fd, off_t pos, void *to, size_t len)
{
	CHECK_EQ(lseek(fd, pos, SEEK_SET), pos);
	return read(fd, to, len);
}

/* pwrite_all: write LEN bytes of FROM at POS of FD. */
static ssize_t pwrite_all(int fd, off_t pos, const void *from, size_t len)
{
	CHECK_EQ(lseek(fd, pos, SEEK_SET), pos);
	return write(fd, from, len);
}

/* disk_size: the size of the open device FD, by DIOCGETP; SEEK_END must
 * say the same. */
static off_t disk_size(int fd, struct part_geom *g)
{
	memset(g, 0, sizeof(*g));
	CHECK_SYS(ioctl(fd, DIOCGETP, g));
	CHECK_EQ(g->sector_size, BDEV_SECTOR_SIZE);
	off_t end = lseek(fd, 0, SEEK_END);
	CHECK_EQ(end, (off_t) g->size);
	return end;
}

/* roundtrip: pieces of odd sizes at odd positions (partial sectors at
 * both ends) make a 64 KiB pattern that reads back whole and in part, also
 * through a second, read-only descriptor. */
TEST(roundtrip)
{
	struct part_geom g;
	int fd = CHECK_SYS(open(DISK, O_RDWR));
	CHECK(disk_size(fd, &g) >= 2 * AREA);
	fill(1);
	/* Pieces of odd sizes at odd places, then the whole area back. */
	static const size_t sizes[] = { 1, 511, 512, 513, 1000, 4096, 4097,
	    7000 };
	off_t pos = 3;
	CHECK_EQ(pwrite_all(fd, 0, pat, 3), 3);
	for (unsigned k = 0; pos < AREA; k++) {
		size_t n = sizes[k % (sizeof(sizes) / sizeof(sizes[0]))];
		if (pos + (off_t) n > AREA)
			n = (size_t) (AREA - pos);
		CHECK_EQ(pwrite_all(fd, pos, pat + pos, n), (ssize_t) n);
		pos += (off_t) n;
	}
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread_all(fd, 0, buf, AREA), AREA);
	CHECK(memcmp(buf, pat, AREA) == 0);
	/* Unaligned reads see the same bytes. */
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread_all(fd, 777, buf, 9999), 9999);
	CHECK(memcmp(buf, pat + 777, 9999) == 0);
	/* A second descriptor sees what the first wrote. */
	int fd2 = CHECK_SYS(open(DISK, O_RDONLY));
	CHECK_EQ(pread_all(fd2, AREA - 100, buf, 100), 100);
	CHECK(memcmp(buf, pat + AREA - 100, 100) == 0);
	CHECK_ERR(write(fd2, pat, 1), EBADF);
	CHECK_SYS(close(fd2));
	CHECK_SYS(close(fd));
}

/* bounds: reads stop at the end of the device and give 0 there and
 * beyond; writes are cut there and get ENOSPC beyond; an ioctl the driver
 * does not know is ENOTTY; a minor without a partition is ENXIO. */
TEST(bounds)
{
	struct part_geom g;
	int fd = CHECK_SYS(open(DISK, O_RDWR));
	off_t size = disk_size(fd, &g);
	CHECK_EQ(g.base, 0);
	/* A read across the end stops there; at or past it reads 0. */
	CHECK_EQ(pread_all(fd, size - 100, buf, 1000), 100);
	CHECK_EQ(pread_all(fd, size, buf, 1000), 0);
	CHECK_EQ(pread_all(fd, size + 4096, buf, 1000), 0);
	/* A write across the end is cut there; past it: ENOSPC. */
	fill(2);
	CHECK_EQ(pwrite_all(fd, size - 10, pat, 100), 10);
	CHECK_EQ(pread_all(fd, size - 10, buf, 10), 10);
	CHECK(memcmp(buf, pat, 10) == 0);
	CHECK_EQ(lseek(fd, size, SEEK_SET), size);
	CHECK_ERR(write(fd, pat, 1), ENOSPC);
	CHECK_ERR(ioctl(fd, _IOR('d', 99, int), buf), ENOTTY);
	CHECK_SYS(close(fd));
	/* Minors with no partition behind them. */
	CHECK_ERR(open(DISK "p3", O_RDONLY), ENXIO);
}

/* put_part: MBR entry I of SECTOR: type 0x83, FIRST and COUNT sectors. */
static void put_part(unsigned char *sector, int i, uint32_t first,
    uint32_t count)
{
	unsigned char *e = sector + MBR_PART_OFFSET + 16 * i;
	memset(e, 0, 16);
	e[4] = 0x83;
	for (int b = 0; b < 4; b++) {
		e[8 + b] = (unsigned char) (first >> (8 * b));
		e[12 + b] = (unsigned char) (count >> (8 * b));
	}
}

/* partitions: an MBR with two partitions written to the whole disk is
 * read at the next open (no minor open); p0 and p1 have their extents
 * (DIOCGETP, SEEK_END), p0's bytes are the disk's at its base, its end is
 * its own; the table stays while a partition is open (DIOCRESCAN EBUSY)
 * and is gone after DIOCRESCAN of the zeroed sector. */
TEST(partitions)
{
	unsigned char mbr[BDEV_SECTOR_SIZE];
	struct part_geom g;
	memset(mbr, 0, sizeof(mbr));
	put_part(mbr, 0, 64, 128);           /* p0: 32 KiB at 32 KiB */
	put_part(mbr, 1, 256, 256);          /* p1: 128 KiB at 128 KiB */
	mbr[MBR_SIG_OFFSET] = MBR_SIG0;
	mbr[MBR_SIG_OFFSET + 1] = MBR_SIG1;
	int fd = CHECK_SYS(open(DISK, O_RDWR));
	CHECK_EQ(pwrite_all(fd, 0, mbr, sizeof(mbr)), (ssize_t) sizeof(mbr));
	CHECK_SYS(close(fd));
	/* No minor of the drive is open: the next open reads the table. */
	int p0 = CHECK_SYS(open(DISK "p0", O_RDWR));
	CHECK_EQ(disk_size(p0, &g), 128 * 512);
	CHECK_EQ(g.base, 64 * 512);
	int p1 = CHECK_SYS(open(DISK "p1", O_RDONLY));
	CHECK_EQ(disk_size(p1, &g), 256 * 512);
	CHECK_EQ(g.base, 256 * 512);
	CHECK_ERR(open(DISK "p2", O_RDONLY), ENXIO);
	/* p0's bytes are the disk's at its base; its end is its own. */
	fill(3);
	CHECK_EQ(pwrite_all(p0, 1000, pat, 5000), 5000);
	CHECK_EQ(pread_all(p0, 128 * 512 - 10, buf, 100), 10);
	CHECK_ERR(write(p0, pat, 1), ENOSPC);
	int whole = CHECK_SYS(open(DISK, O_RDWR));
	CHECK_EQ(pread_all(whole, 64 * 512 + 1000, buf, 5000), 5000);
	CHECK(memcmp(buf, pat, 5000) == 0);
	/* The table is kept while a partition is open. */
	memset(mbr, 0, sizeof(mbr));
	CHECK_EQ(pwrite_all(whole, 0, mbr, sizeof(mbr)), (ssize_t) sizeof(mbr));
	CHECK_ERR(ioctl(whole, DIOCRESCAN), EBUSY);
	CHECK_SYS(close(p0));
	CHECK_SYS(close(p1));
	/* Read again: no partitions now. */
	CHECK_SYS(ioctl(whole, DIOCRESCAN));
	CHECK_ERR(open(DISK "p0", O_RDONLY), ENXIO);
	CHECK_SYS(close(whole));
}

/* service: run `service ARGV[0] ARGV[1] ...` (NULL-terminated, at most 7
 * words) in a child; its exit status (128: it did not exit). */
static int service(const char *const *argv)
{
	const char *words[9] = { "service" };
	for (int i = 0; argv[i] && i < 7; i++)
		words[i + 1] = argv[i];
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execv("/sbin/service", (char *const *) words);
		_exit(127);
	}
	int status;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* update_refused: the RAM disk refuses a live update (a new version
 * would start with an empty disk): `service update` fails and the
 * contents stay. */
TEST(update_refused)
{
	int fd = CHECK_SYS(open(DISK, O_RDWR));
	fill(5);
	CHECK_EQ(pwrite_all(fd, 0, pat, AREA), AREA);
	static const char *const update[] = { "update", "self", "-label",
	    "ramdisk", NULL };
	CHECK(service(update) != 0);
	CHECK_EQ(pread_all(fd, 0, buf, AREA), AREA);
	CHECK(memcmp(buf, pat, AREA) == 0);
	CHECK_SYS(close(fd));
}

/* is_zero: whether the LEN bytes at P are all 0. */
static int is_zero(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

/* fault_during_reads: write a pattern to FD's device, then let a child
 * run `service fi ramdisk KIND` while this process reads the pattern
 * again and again. Every read must return all its bytes: the pattern (the
 * old driver) or zeros (the restarted one, whose disk is new), never an
 * error; the reads end at the first zeros. `service` must exit 0. */
static void fault_during_reads(int fd, const char *kind, unsigned seed)
{
	fill(seed);
	CHECK_EQ(pwrite_all(fd, 0, pat, AREA), AREA);
	CHECK_EQ(pread_all(fd, 0, buf, AREA), AREA);
	CHECK(memcmp(buf, pat, AREA) == 0);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execl("/sbin/service", "service", "fi", "ramdisk", kind,
		    (char *) NULL);
		_exit(127);
	}
	unsigned long reads = 0, old = 0;
	for (;;) {
		ssize_t n = pread_all(fd, 0, buf, AREA);
		if (n != AREA)
			FAIL("%s: read %lu: %ld (%s)", kind, reads, (long) n,
			    n < 0 ? strerror(errno) : "short");
		reads++;
		if (is_zero(buf, AREA))
			break;
		if (memcmp(buf, pat, AREA) != 0)
			FAIL("%s: read %lu: neither the pattern nor zeros",
			    kind, reads);
		old++;
	}
	int status;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	kit_note("%s: %lu reads, %lu from the old driver", kind, reads, old);
}

/* works: the (new) driver behind FD writes and reads back. */
static void works(int fd)
{
	fill(99);
	CHECK_EQ(pwrite_all(fd, 4096, pat, 8192), 8192);
	memset(buf, 0, 8192);
	CHECK_EQ(pread_all(fd, 4096, buf, 8192), 8192);
	CHECK(memcmp(buf, pat, 8192) == 0);
}

/* crash_recovery: a crash of the driver during reads, then the new
 * driver works. */
TEST_TIMEOUT(crash_recovery, 120)
{
	int fd = CHECK_SYS(open(DISK, O_RDWR));
	fault_during_reads(fd, "crash", 4);
	works(fd);
	CHECK_SYS(close(fd));
}

/* every_fault_kind: each fault kind `service fi` knows, one after the
 * other on the same descriptor, during reads. */
TEST_TIMEOUT(every_fault_kind, 600)
{
	static const char *const kinds[] = { "crash", "panic", "segv", "hang",
	    "exit", "badio", "badipc" };
	int fd = CHECK_SYS(open(DISK, O_RDWR));
	for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		fault_during_reads(fd, kinds[i], 10 + i);
		works(fd);
	}
	CHECK_SYS(close(fd));
}

static const struct kit_suite suite = {
	.name = "blktest", .backend = &kit_posix, .timeout = 60,
	.announce = 1,
};

/* main: the kit's runner (case names select cases; -l lists them). */
int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
