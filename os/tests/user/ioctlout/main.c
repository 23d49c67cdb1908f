/* ioctlout: call a driver's own ioctl that gives a uint32_t back
 * (abi/ioctl.h, _IOR(LETTER, NR, uint32_t)) and print the value.
 *
 *   ioctlout DEVICE LETTER NR
 *
 * Prints "ioctlout: VALUE" and exits 0, or "ioctlout: error E" and exits
 * 1 when open or ioctl fails (2: usage). The template driver's reset is
 * `ioctlout /dev/NAME t 1` (os/tests/test_sdk_template.py). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <abi/ioctl.h>

int main(int argc, char *argv[])
{
	if (argc != 4 || argv[2][0] == '\0' || argv[2][1] != '\0') {
		fprintf(stderr, "usage: ioctlout DEVICE LETTER NR\n");
		return 2;
	}
	uint32_t request = _IOR(argv[2][0], atoi(argv[3]), uint32_t);
	uint32_t value = 0;
	int fd = open(argv[1], O_RDWR);
	if (fd < 0 || ioctl(fd, request, &value) < 0) {
		printf("ioctlout: error %d\n", errno);
		return 1;
	}
	close(fd);
	printf("ioctlout: %u\n", (unsigned) value);
	return 0;
}
