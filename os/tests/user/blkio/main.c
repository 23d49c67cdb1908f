/* blkio: sectors of a block device read, written and measured through
 * VFS (lseek, read, write, ioctl DIOCGETP and DIOCFLUSH), for the disk tests
 * (os/tests/test_ata.py), which compare the answers with the image file
 * on the host.
 *
 *   blkio size DEV                  "blkio: size BYTES base BYTES"
 *   blkio flush DEV                 "blkio: flushed" (the drive's cache)
 *   blkio read DEV LBA COUNT        "blkio: read N bytes fnv HEX"
 *   blkio write DEV LBA COUNT SEED  "blkio: wrote N bytes"
 *   blkio loop DEV LBA COUNT FNV STOPFILE
 *       "readloop: N reads, K ok, E errors, W wrong"
 *
 * read and write move COUNT sectors from sector LBA of DEV in one call.
 * fnv is the 32-bit FNV-1a hash of the bytes read. write writes sector
 * LBA + i as 64 words of 8 bytes: (LBA + i, word index XOR SEED), both
 * 32-bit little-endian (harness/disk.py's sector_pattern with another
 * XOR). loop reads the COUNT sectors again and again until STOPFILE
 * exists (checked every 16 reads), each read ok when it returns all the
 * bytes and their hash is FNV (hex), wrong for other bytes, an error when
 * it fails (the device is then opened again); its summary is readloop's
 * (os/tests/user/readloop), for harness/recovery.py's clients, and it
 * exits 0 when no read was wrong and one was ok. Exit 0; 1 with
 * "blkio: error ERRNO" when a call fails; 2 usage. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <abi/blockdev.h>

#define SECTOR 512
#define MAX_COUNT 4096

/* fail: print the error of the call that failed; exit status 1. */
static int fail(void)
{
	printf("blkio: error %d\n", errno);
	return 1;
}

/* fnv: the 32-bit FNV-1a hash of LEN bytes at P. */
static uint32_t fnv(const uint8_t *p, size_t len)
{
	uint32_t h = 0x811c9dc5u;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x01000193u;
	}
	return h;
}

/* size: DIOCGETP on FD. */
static int size(int fd)
{
	struct part_geom g;
	if (ioctl(fd, DIOCGETP, &g) < 0)
		return fail();
	printf("blkio: size %llu base %llu\n", (unsigned long long) g.size,
	    (unsigned long long) g.base);
	return 0;
}

/* flush: DIOCFLUSH on FD (the drive's write cache to the medium). */
static int flush(int fd)
{
	if (ioctl(fd, DIOCFLUSH, NULL) < 0)
		return fail();
	printf("blkio: flushed\n");
	return 0;
}

/* transfer: read (!OUT) or write COUNT sectors from LBA of FD. */
static int transfer(int fd, unsigned long lba, unsigned long count,
    int out, uint32_t seed)
{
	size_t len = (size_t) count * SECTOR;
	uint8_t *buf = malloc(len ? len : 1);
	if (buf == NULL)
		return fail();
	if (lseek(fd, (off_t) (lba * SECTOR), SEEK_SET) < 0)
		return fail();
	if (!out) {
		ssize_t n = read(fd, buf, len);
		if (n < 0)
			return fail();
		printf("blkio: read %ld bytes fnv %08x\n", (long) n,
		    (unsigned) fnv(buf, (size_t) n));
		return 0;
	}
	for (unsigned long s = 0; s < count; s++)
		for (uint32_t i = 0; i < SECTOR / 8; i++) {
			uint32_t a = (uint32_t) (lba + s), b = i ^ seed;
			memcpy(buf + s * SECTOR + 8 * i, &a, 4);
			memcpy(buf + s * SECTOR + 8 * i + 4, &b, 4);
		}
	ssize_t n = write(fd, buf, len);
	if (n < 0)
		return fail();
	printf("blkio: wrote %ld bytes\n", (long) n);
	return 0;
}

/* loop: see the head of the file. */
static int loop(const char *dev, unsigned long lba, unsigned long count,
    uint32_t want, const char *stopfile)
{
	size_t len = (size_t) count * SECTOR;
	uint8_t *buf = malloc(len);
	if (buf == NULL)
		return fail();
	unsigned long reads = 0, ok = 0, errors = 0, wrong = 0;
	int fd = open(dev, O_RDONLY);
	for (;;) {
		struct stat st;
		if (reads % 16 == 0 && stat(stopfile, &st) == 0)
			break;
		reads++;
		ssize_t n = -1;
		if (fd >= 0 && lseek(fd, (off_t) (lba * SECTOR), SEEK_SET) >= 0)
			n = read(fd, buf, len);
		if (n == (ssize_t) len && fnv(buf, len) == want) {
			ok++;
		} else if (n >= 0) {
			wrong++;
		} else {
			errors++;
			if (fd >= 0)
				close(fd);
			fd = open(dev, O_RDONLY);
		}
	}
	printf("readloop: %lu reads, %lu ok, %lu errors, %lu wrong\n", reads,
	    ok, errors, wrong);
	return wrong == 0 && ok > 0 ? 0 : 1;
}

int main(int argc, char *argv[])
{
	const char *op = argc > 2 ? argv[1] : "";
	int nargs = strcmp(op, "size") == 0 || strcmp(op, "flush") == 0 ? 3 :
	    strcmp(op, "read") == 0 ? 5 :
	    strcmp(op, "write") == 0 ? 6 : strcmp(op, "loop") == 0 ? 7 : -1;
	if (argc != nargs || (nargs >= 5 && (strtoul(argv[4], NULL, 0) == 0 ||
	    strtoul(argv[4], NULL, 0) > MAX_COUNT))) {
		fprintf(stderr, "usage: blkio size DEV | flush DEV | "
		    "read DEV LBA COUNT | "
		    "write DEV LBA COUNT SEED | loop DEV LBA COUNT FNV STOPFILE "
		    "(COUNT 1..%d)\n", MAX_COUNT);
		return 2;
	}
	if (nargs == 7)
		return loop(argv[2], strtoul(argv[3], NULL, 0),
		    strtoul(argv[4], NULL, 0),
		    (uint32_t) strtoul(argv[5], NULL, 16), argv[6]);
	int fd = open(argv[2], op[0] == 'w' ? O_RDWR : O_RDONLY);
	if (fd < 0)
		return fail();
	if (nargs == 3)
		return op[0] == 'f' ? flush(fd) : size(fd);
	return transfer(fd, strtoul(argv[3], NULL, 0), strtoul(argv[4], NULL, 0),
	    nargs == 6, nargs == 6 ? (uint32_t) strtoul(argv[5], NULL, 0) : 0);
}
