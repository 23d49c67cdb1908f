/* cat: copy each FILE (standard input when there is none, or for "-") to
 * standard output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE 4096

/* Write N bytes of BUF to standard output, all of them. Returns 0 or -1. */
static int write_all(const char *buf, ssize_t n)
{
	while (n > 0) {
		ssize_t w = write(1, buf, (size_t) n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= w;
	}
	return 0;
}

/* Copy descriptor FD (named NAME in messages) to standard output.
 * Returns 0, or 1 after printing an error. */
static int copy(int fd, const char *name)
{
	static char buf[BUF_SIZE];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return 1;
		}
		if (n == 0)
			return 0;
		if (write_all(buf, n) < 0) {
			fprintf(stderr, "cat: write error: %s\n", strerror(errno));
			return 1;
		}
	}
}

int main(int argc, char **argv)
{
	int status = 0;
	if (argc == 1)
		return copy(0, "-");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			status |= copy(0, "-");
			continue;
		}
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status;
}
