/* lspci: the PCI functions the PCI server found, one a line:
 * "BB:DD.F VVVV:DDDD class CC.SS.PP irq N holder LABEL|-" (the label of
 * the service that reserved it). Read from /dev/pci: a user process may
 * not send to the server, VFS asks it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PCI_DEV "/dev/pci"

int main(int argc, char *argv[])
{
	(void) argv;
	if (argc != 1) {
		fprintf(stderr, "usage: lspci\n");
		return 2;
	}
	int fd = open(PCI_DEV, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "lspci: %s: %s (is the pci server up?)\n",
		    PCI_DEV, strerror(errno));
		return 1;
	}
	char buf[512];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n; ) {
			ssize_t w = write(1, buf + off, (size_t) (n - off));
			if (w <= 0) {
				fprintf(stderr, "lspci: write error: %s\n",
				    strerror(errno));
				return 1;
			}
			off += w;
		}
	if (n < 0) {
		fprintf(stderr, "lspci: %s: %s\n", PCI_DEV, strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}
