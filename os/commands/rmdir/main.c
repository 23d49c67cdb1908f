/* rmdir: remove empty directories: rmdir [-p] DIR... (-p: then each of
 * DIR's parents named in it, "a/b/c" -> a/b/c, a/b, a, stopping at the
 * first that cannot go). A directory that is not empty stays, with a
 * message; the status is 1 if any DIR could not be removed. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* remove_one: rmdir PATH, with a message on failure. Returns 0 or -1. */
static int remove_one(const char *path)
{
	if (rmdir(path) == 0)
		return 0;
	fprintf(stderr, "rmdir: %s: %s\n", path, strerror(errno));
	return -1;
}

/* remove_parents: PATH, then with its last component cut off again and
 * again while something is left. Returns 0 or -1 (the first failure). */
static int remove_parents(char *path)
{
	for (;;) {
		if (remove_one(path) < 0)
			return -1;
		char *slash = strrchr(path, '/');
		while (slash && slash > path && slash[1] == '\0') {
			*slash = '\0';                 /* "a/b/" */
			slash = strrchr(path, '/');
		}
		if (!slash || slash == path)
			return 0;
		while (slash > path && slash[-1] == '/')
			slash--;                       /* "a//b" */
		*slash = '\0';
	}
}

int main(int argc, char **argv)
{
	int c, parents = 0, status = 0;
	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p') {
			fprintf(stderr, "usage: rmdir [-p] DIR...\n");
			return 2;
		}
		parents = 1;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: rmdir [-p] DIR...\n");
		return 2;
	}
	for (int i = optind; i < argc; i++) {
		int r = parents ? remove_parents(argv[i]) : remove_one(argv[i]);
		if (r < 0)
			status = 1;
	}
	return status;
}
