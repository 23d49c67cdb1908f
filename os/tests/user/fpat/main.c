/* fpat: files of a seeded pattern the host recomputes (harness/disk.py's
 * pattern()), for the file system tests (os/tests/test_ext2.py,
 * test_disk_recovery.py) and `make bench` (harness/bench.py).
 *
 *   fpat [-b BS] [-s] [-t NAME] write FILE SIZE SEED
 *       "fpat: wrote SIZE bytes to FILE"
 *   fpat [-b BS] [-t NAME] check FILE SIZE SEED
 *       "fpat: FILE: SIZE bytes ok", or "fpat: FILE: differs at byte N"
 *       or "fpat: FILE: N bytes, not SIZE" (exit 1)
 *
 * Byte I of the pattern of SEED is byte I % 4 (little-endian) of word
 * I / 4, and word W is ((W + 1) * 0x9E3779B1) ^ SEED (mod 2^32). write
 * creates or truncates FILE and writes SIZE bytes in calls of BS bytes
 * (default 65536); check reads FILE in calls of BS bytes and compares
 * every byte, and its length. -s: write asks every file system to write
 * its changes back (VFS_SYNC) before it ends (inside the time of -t).
 * -t NAME: a benchmark line for harness/bench.py, under QEMU -icount
 * shift=0 (one TSC tick per guest instruction, one instruction a guest
 * nanosecond: os/tests/include/bench_calib.h): the calibration, then
 *   bench: NAME=MB_PER_GUEST_S insns=N bytes=SIZE
 * with the time from the open to the last call (and the sync), after a
 * line "bench: info: NAME start" just before it begins (the host times the
 * wall clock between the two). SIZE and
 * SEED are decimal (SEED may be 0x hex). Exit 0; 1 when a call fails
 * ("fpat: FILE: error ERRNO (text)") or the contents differ; 2 usage. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <abi/boot.h>
#include <abi/vfs.h>
#include "syslib.h"
#include "../../include/bench_calib.h"

#define PATTERN_MULT 0x9E3779B1u
#define MAX_BS (1u << 20)

static unsigned char buf[MAX_BS];
static unsigned char want[MAX_BS];

/* fill: LEN bytes of the pattern of SEED from byte OFF of the file into
 * DST. */
static void fill(unsigned char *dst, uint64_t off, size_t len, uint32_t seed)
{
	for (size_t i = 0; i < len; ) {
		uint64_t pos = off + i;
		uint32_t w = (uint32_t) ((pos / 4 + 1) * PATTERN_MULT) ^ seed;
		for (unsigned b = pos % 4; b < 4 && i < len; b++, i++)
			dst[i] = (unsigned char) (w >> (8 * b));
	}
}

/* vfs_sync: VFS_SYNC (every mounted file system writes its changes back).
 * 0, or a negative error. */
static int vfs_sync(void)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = VFS_SYNC;
	int r = ipc_sendrec(VFS_EP, &m);
	return r != 0 ? r : m.m_type;
}

/* failed: report the call that failed on FILE; exit status 1. */
static int failed(const char *file)
{
	printf("fpat: %s: error %d (%s)\n", file, errno, strerror(errno));
	return 1;
}

/* report: the benchmark line NAME for SIZE bytes in INSNS guest
 * instructions. */
static void report(const char *name, uint64_t size, uint64_t insns)
{
	uint64_t milli = insns ? size * 1000000ull / insns : 0;
	printf("bench: %s=%llu.%03llu insns=%llu bytes=%llu\n", name,
	    (unsigned long long) (milli / 1000),
	    (unsigned long long) (milli % 1000), (unsigned long long) insns,
	    (unsigned long long) size);
}

/* do_write: write SIZE bytes of SEED's pattern to FILE in calls of BS
 * bytes; SYNC: VFS_SYNC at the end. The exit status. */
static int do_write(const char *file, uint64_t size, uint32_t seed,
    size_t bs, int sync, const char *name)
{
	if (name)
		printf("bench: info: %s start\n", name);
	uint64_t t0 = rdtsc();
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return failed(file);
	for (uint64_t off = 0; off < size; ) {
		size_t len = size - off < bs ? (size_t) (size - off) : bs;
		fill(buf, off, len, seed);
		ssize_t n = write(fd, buf, len);
		if (n < 0)
			return failed(file);
		if ((size_t) n != len) {
			printf("fpat: %s: short write at byte %llu\n", file,
			    (unsigned long long) (off + (uint64_t) n));
			return 1;
		}
		off += len;
	}
	if (close(fd) < 0)
		return failed(file);
	if (sync) {
		int r = vfs_sync();
		if (r < 0) {
			errno = -r;
			return failed(file);
		}
	}
	uint64_t t1 = rdtsc();
	printf("fpat: wrote %llu bytes to %s\n", (unsigned long long) size,
	    file);
	if (name)
		report(name, size, t1 - t0);
	return 0;
}

/* do_check: compare FILE with SIZE bytes of SEED's pattern, reading BS
 * bytes a call. The exit status. */
static int do_check(const char *file, uint64_t size, uint32_t seed,
    size_t bs, const char *name)
{
	if (name)
		printf("bench: info: %s start\n", name);
	uint64_t t0 = rdtsc();
	int fd = open(file, O_RDONLY);
	if (fd < 0)
		return failed(file);
	uint64_t off = 0;
	for (;;) {
		ssize_t n = read(fd, buf, bs);
		if (n < 0)
			return failed(file);
		if (n == 0)
			break;
		uint64_t len = (uint64_t) n;
		if (off < size) {
			size_t cmp = off + len > size ? (size_t) (size - off)
			    : (size_t) len;
			fill(want, off, cmp, seed);
			if (memcmp(buf, want, cmp) != 0) {
				size_t i = 0;
				while (buf[i] == want[i])
					i++;
				printf("fpat: %s: differs at byte %llu\n",
				    file, (unsigned long long) (off + i));
				close(fd);
				return 1;
			}
		}
		off += len;
	}
	close(fd);
	uint64_t t1 = rdtsc();
	if (off != size) {
		printf("fpat: %s: %llu bytes, not %llu\n", file,
		    (unsigned long long) off, (unsigned long long) size);
		return 1;
	}
	printf("fpat: %s: %llu bytes ok\n", file, (unsigned long long) size);
	if (name)
		report(name, size, t1 - t0);
	return 0;
}

static int usage(void)
{
	printf("usage: fpat [-b BS] [-s] [-t NAME] write|check FILE SIZE "
	    "SEED\n");
	return 2;
}

/* number: the number in TEXT (decimal, or 0x hex) into *V; 0, or -1. */
static int number(const char *text, uint64_t *v)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(text, &end, 0);
	if (errno || end == text || *end)
		return -1;
	*v = x;
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	uint64_t bs = 65536;
	int sync = 0;
	const char *name = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-s") == 0)
			sync = 1;
		else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc) {
			if (number(argv[++i], &bs) < 0 || bs == 0 ||
			    bs > MAX_BS)
				return usage();
		} else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
			name = argv[++i];
		else
			return usage();
	}
	uint64_t size, seed;
	if (argc - i != 4 || number(argv[i + 2], &size) < 0 ||
	    number(argv[i + 3], &seed) < 0 || seed > 0xFFFFFFFFull)
		return usage();
	if (name)
		calibrate();
	if (strcmp(argv[i], "write") == 0)
		return do_write(argv[i + 1], size, (uint32_t) seed, bs, sync,
		    name);
	if (strcmp(argv[i], "check") == 0)
		return do_check(argv[i + 1], size, (uint32_t) seed, bs, name);
	return usage();
}
