/* manifest_file_trusted on the host (os/tests/test_manifest_host.py):
 * `trust-host TYPE MODE UID` judges a file of TYPE (f regular, d
 * directory, c character device), permission bits MODE (octal) and owner
 * UID, and prints "trusted" or the reason it is not. A real file can also
 * be judged: `trust-host -f PATH` (fstat of the opened file). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "manifest.h"

int main(int argc, char *argv[])
{
	struct stat st;
	memset(&st, 0, sizeof(st));
	if (argc == 3 && strcmp(argv[1], "-f") == 0) {
		int fd = open(argv[2], O_RDONLY);
		if (fd < 0 || fstat(fd, &st) < 0) {
			perror(argv[2]);
			return 2;
		}
		close(fd);
	} else if (argc == 4) {
		mode_t type = argv[1][0] == 'd' ? S_IFDIR :
		    argv[1][0] == 'c' ? S_IFCHR : S_IFREG;
		st.st_mode = type | (mode_t) strtoul(argv[2], NULL, 8);
		st.st_uid = (uid_t) strtoul(argv[3], NULL, 10);
	} else {
		fprintf(stderr, "usage: trust-host f|d|c MODE UID | -f PATH\n");
		return 2;
	}
	const char *why = manifest_file_trusted(&st);
	printf("%s\n", why ? why : "trusted");
	return 0;
}
