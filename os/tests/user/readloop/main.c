/* readloop: a client that keeps reading a device while the harness updates
 * or crashes its driver, and says whether it ever saw wrong data.
 *
 *   readloop DEVICE EXPECTED STOPFILE
 *
 * Opens DEVICE once, then reads it from offset 0 again and again until
 * STOPFILE exists (checked every 64 reads). Each read must return exactly
 * EXPECTED followed by a newline; a read that fails is an error (the driver
 * was away), a read that returns anything else is wrong data. A failed read
 * closes and reopens the device. Prints
 *   readloop: N reads, K ok, E errors, W wrong
 * and exits 0 when W is 0 and at least one read was ok, 1 otherwise. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* read_once: one read of FD from offset 0 into BUF; 1 when it returned
 * exactly WANT (LEN bytes), 0 for other data, -1 for an error. */
static int read_once(int fd, const char *want, size_t len, char *buf,
    size_t size)
{
	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	ssize_t n = read(fd, buf, size);
	if (n < 0)
		return -1;
	return (size_t) n == len && memcmp(buf, want, len) == 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: readloop DEVICE EXPECTED STOPFILE\n");
		return 2;
	}
	char want[256], buf[512];
	int len = snprintf(want, sizeof(want), "%s\n", argv[2]);
	if (len < 0 || (size_t) len >= sizeof(want)) {
		fprintf(stderr, "readloop: EXPECTED is too long\n");
		return 2;
	}
	unsigned long reads = 0, ok = 0, errors = 0, wrong = 0;
	int fd = open(argv[1], O_RDONLY);
	for (;;) {
		if (reads % 64 == 0) {
			struct stat st;
			if (stat(argv[3], &st) == 0)
				break;
		}
		reads++;
		int r = fd < 0 ? -1 : read_once(fd, want, (size_t) len, buf,
		    sizeof(buf));
		if (r == 1) {
			ok++;
		} else if (r == 0) {
			wrong++;
		} else {
			errors++;
			if (fd >= 0)
				close(fd);
			fd = open(argv[1], O_RDONLY);
		}
	}
	if (fd >= 0)
		close(fd);
	printf("readloop: %lu reads, %lu ok, %lu errors, %lu wrong\n", reads,
	    ok, errors, wrong);
	return wrong == 0 && ok > 0 ? 0 : 1;
}
