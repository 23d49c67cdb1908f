/* mv: move or rename files: mv [-f] SRC DST, mv [-f] SRC... DIR (each
 * SRC becomes DIR/<its last component>; DST that is a directory counts
 * as DIR). A rename(2) when the file system can; when SRC and the target
 * are on different file systems (EXDEV) a regular file or a directory
 * tree is copied (modes, owners when allowed, times) and SRC then
 * removed: a failed copy removes the partial target and leaves SRC. Other
 * kinds of file (device files) are not moved across file systems. -f is
 * accepted (mv never asks). Status 1 when a file could not be moved
 * (after the others), 2 for a bad use. The copy: copy.c, tree.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "mv.h"

/* last_component: the last component of PATH without trailing slashes,
 * into BUF of LEN bytes. */
static const char *last_component(const char *path, char *buf, size_t len)
{
	size_t end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		end--;
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	snprintf(buf, len, "%.*s", (int) (end - start), path + start);
	return buf;
}

/* move: move SRC to DST. Returns 0, or 1 after saying why not. */
static int move(const char *src, const char *dst)
{
	struct stat st;
	if (lstat(src, &st) < 0) {
		fprintf(stderr, "mv: %s: %s\n", src, strerror(errno));
		return 1;
	}
	if (rename(src, dst) == 0)
		return 0;
	if (errno != EXDEV) {
		fprintf(stderr, "mv: %s -> %s: %s\n", src, dst,
		    strerror(errno));
		return 1;
	}
	if (mv_copy_tree(src, dst, &st) != 0)
		return 1;
	return mv_remove_tree(src, 0);
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-f") != 0)
			goto usage;
	}
	if (argc - i < 2)
		goto usage;
	const char *dst = argv[argc - 1];
	struct stat st;
	int to_dir = stat(dst, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc - i > 2 && !to_dir) {
		fprintf(stderr, "mv: %s: %s\n", dst, strerror(ENOTDIR));
		return 1;
	}
	for (; i < argc - 1; i++) {
		if (!to_dir) {
			status |= move(argv[i], dst);
			continue;
		}
		char name[256];
		last_component(argv[i], name, sizeof(name));
		size_t len = strlen(dst) + strlen(name) + 2;
		char *target = malloc(len);
		if (!target) {
			fprintf(stderr, "mv: %s\n", strerror(ENOMEM));
			return 1;
		}
		snprintf(target, len, "%s/%s", dst, name);
		status |= move(argv[i], target);
		free(target);
	}
	return status;
usage:
	fprintf(stderr, "usage: mv [-f] SRC DST | mv [-f] SRC... DIR\n");
	return 2;
}
