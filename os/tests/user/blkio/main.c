/* blkio: sectors of a block device read, written and measured through
 * VFS (lseek, read, write, ioctl DIOCGETP), for the disk tests
 * (os/tests/test_ata.py), which compare the answers with the image file
 * on the host.
 *
 *   blkio size DEV                  "blkio: size BYTES base BYTES"
 *   blkio read DEV LBA COUNT        "blkio: read N bytes fnv HEX"
 *   blkio write DEV LBA COUNT SEED  "blkio: wrote N bytes"
 *
 * read and write move COUNT sectors from sector LBA of DEV in one call.
 * fnv is the 32-bit FNV-1a hash of the bytes read. write writes sector
 * LBA + i as 64 words of 8 bytes: (LBA + i, word index XOR SEED), both
 * 32-bit little-endian (harness/disk.py's sector_pattern with another
 * XOR). Exit 0; 1 with "blkio: error ERRNO" when a call fails; 2 usage. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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

int main(int argc, char *argv[])
{
	const char *op = argc > 2 ? argv[1] : "";
	int nargs = strcmp(op, "size") == 0 ? 3 : strcmp(op, "read") == 0 ? 5 :
	    strcmp(op, "write") == 0 ? 6 : -1;
	if (argc != nargs || (nargs >= 5 && (strtoul(argv[4], NULL, 0) == 0 ||
	    strtoul(argv[4], NULL, 0) > MAX_COUNT))) {
		fprintf(stderr, "usage: blkio size DEV | read DEV LBA COUNT | "
		    "write DEV LBA COUNT SEED (COUNT 1..%d)\n", MAX_COUNT);
		return 2;
	}
	int fd = open(argv[2], op[0] == 'w' ? O_RDWR : O_RDONLY);
	if (fd < 0)
		return fail();
	if (nargs == 3)
		return size(fd);
	return transfer(fd, strtoul(argv[3], NULL, 0), strtoul(argv[4], NULL, 0),
	    nargs == 6, nargs == 6 ? (uint32_t) strtoul(argv[5], NULL, 0) : 0);
}
