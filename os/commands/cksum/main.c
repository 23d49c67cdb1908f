/* cksum: the POSIX checksum and size of files: cksum [FILE...]
 * ("CRC SIZE NAME" per file; "CRC SIZE" for standard input, read when
 * there is no FILE or for "-"). The CRC is POSIX's: the generator
 * polynomial 0x04C11DB7, most significant bit first, no initial value,
 * over the bytes of the file followed by its length (least significant
 * byte first, as few bytes as it needs), complemented at the end.
 * Status 1 when a file could not be read (after the others). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE 4096
#define POLY 0x04C11DB7u

static uint32_t table[256];

/* make_table: table[b]: the remainder of B followed by 32 zero bits
 * divided by POLY (the CRC of one byte, MSB first). */
static void make_table(void)
{
	for (uint32_t b = 0; b < 256; b++) {
		uint32_t r = b << 24;
		for (int bit = 0; bit < 8; bit++)
			r = r & 0x80000000u ? (r << 1) ^ POLY : r << 1;
		table[b] = r;
	}
}

/* crc_byte: the running remainder CRC with byte B appended. */
static uint32_t crc_byte(uint32_t crc, unsigned char b)
{
	return (crc << 8) ^ table[(crc >> 24) ^ b];
}

/* sum_fd: the checksum and size of what FD holds to its end. Returns 0,
 * or -1 with errno. */
static int sum_fd(int fd, uint32_t *crc_out, unsigned long long *size_out)
{
	static unsigned char buf[BUF_SIZE];
	uint32_t crc = 0;
	unsigned long long size = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			crc = crc_byte(crc, buf[i]);
		size += (unsigned long long) n;
	}
	for (unsigned long long len = size; len; len >>= 8)
		crc = crc_byte(crc, (unsigned char) (len & 0xff));
	*crc_out = ~crc;
	*size_out = size;
	return 0;
}

/* sum_file: print the line of NAME ("-": standard input, no name).
 * Returns 0, or 1 after saying why it could not. */
static int sum_file(const char *name)
{
	int std = strcmp(name, "-") == 0;
	int fd = std ? 0 : open(name, O_RDONLY);
	uint32_t crc;
	unsigned long long size;
	if (fd < 0 || sum_fd(fd, &crc, &size) < 0) {
		fprintf(stderr, "cksum: %s: %s\n", name, strerror(errno));
		if (fd > 0)
			close(fd);
		return 1;
	}
	if (!std)
		close(fd);
	if (std)
		printf("%lu %llu\n", (unsigned long) crc, size);
	else
		printf("%lu %llu %s\n", (unsigned long) crc, size, name);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		fprintf(stderr, "usage: cksum [FILE...]\n");
		return 2;
	}
	make_table();
	if (i == argc)
		status = sum_file("-");
	for (; i < argc; i++)
		status |= sum_file(argv[i]);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "cksum: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
