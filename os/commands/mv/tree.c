/* mv across file systems: a directory and everything in it copied, then
 * the original removed (mv.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>
#include "mv.h"

/* join: "DIR/NAME" in a new malloc'd string, or NULL (said). */
static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);
	if (!path)
		fprintf(stderr, "mv: %s\n", strerror(ENOMEM));
	else
		snprintf(path, len, "%s/%s", dir, name);
	return path;
}

/* is_dot: "." or "..". */
static int is_dot(const char *name)
{
	return name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]));
}

/* copy_dir: the directory SRC (status ST) as DST, which must not exist:
 * made 0700, filled, then given ST's mode, owner (when allowed) and
 * times. Returns 0, or 1 after saying why (a part of DST may be left:
 * the caller removes it). */
static int copy_dir(const char *src, const char *dst, const struct stat *st)
{
	if (mkdir(dst, 0700) < 0) {
		fprintf(stderr, "mv: %s: %s\n", dst, strerror(errno));
		return 1;
	}
	DIR *d = opendir(src);
	if (!d) {
		fprintf(stderr, "mv: %s: %s\n", src, strerror(errno));
		return 1;
	}
	int status = 0;
	struct dirent *e;
	while (!status && (e = readdir(d)) != NULL) {
		if (is_dot(e->d_name))
			continue;
		char *from = join(src, e->d_name), *to = join(dst, e->d_name);
		struct stat est;
		if (!from || !to)
			status = 1;
		else if (lstat(from, &est) < 0) {
			fprintf(stderr, "mv: %s: %s\n", from, strerror(errno));
			status = 1;
		} else
			status = mv_copy_tree(from, to, &est);
		free(from);
		free(to);
	}
	closedir(d);
	if (status)
		return 1;
	struct utimbuf t = { st->st_atime, st->st_mtime };
	if (chown(dst, st->st_uid, st->st_gid) < 0)
		errno = 0;  /* not root: the directory stays the caller's */
	if (chmod(dst, st->st_mode & 07777) < 0 || utime(dst, &t) < 0) {
		fprintf(stderr, "mv: %s: %s\n", dst, strerror(errno));
		return 1;
	}
	return 0;
}

/* mv_copy_tree: see mv.h. */
int mv_copy_tree(const char *src, const char *dst, const struct stat *st)
{
	if (S_ISREG(st->st_mode))
		return mv_copy(src, dst, st);
	if (!S_ISDIR(st->st_mode)) {
		fprintf(stderr, "mv: %s: %s (only files and directories are "
		    "copied across file systems)\n", src, strerror(EXDEV));
		return 1;
	}
	if (copy_dir(src, dst, st) == 0)
		return 0;
	mv_remove_tree(dst, 1);
	return 1;
}

/* mv_remove_tree: see mv.h. */
int mv_remove_tree(const char *path, int quiet)
{
	struct stat st;
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		goto fail;
	}
	DIR *d = opendir(path);
	if (!d)
		goto fail;
	int status = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (is_dot(e->d_name))
			continue;
		char *sub = join(path, e->d_name);
		status |= !sub || mv_remove_tree(sub, quiet);
		free(sub);
	}
	closedir(d);
	if (rmdir(path) == 0)
		return status;
fail:
	if (!quiet)
		fprintf(stderr, "mv: %s: %s\n", path, strerror(errno));
	return 1;
}
