/* mkdir: make directories: mkdir [-p] DIR... (-p: make missing parents
 * too, and an existing directory is no error). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* Make directory PATH; with PARENTS, its missing parents too and no error
 * when it already is a directory. Returns 0 or -1 (errno set). */
static int make_dir(char *path, int parents)
{
	if (!parents)
		return mkdir(path, 0755);
	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		int r = mkdir(path, 0755);
		int err = errno;
		struct stat st;
		if (r < 0 && !(err == EEXIST && stat(path, &st) == 0 &&
		    S_ISDIR(st.st_mode))) {
			*p = saved;
			errno = err;
			return -1;
		}
		*p = saved;
		if (saved == '\0')
			return 0;
	}
}

int main(int argc, char **argv)
{
	int c, parents = 0, status = 0;
	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p') {
			fprintf(stderr, "usage: mkdir [-p] DIR...\n");
			return 2;
		}
		parents = 1;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: mkdir [-p] DIR...\n");
		return 2;
	}
	for (int i = optind; i < argc; i++) {
		if (make_dir(argv[i], parents) < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
