/* rm: remove files: rm [-r] [-f] PATH... (-r: directories and everything
 * in them; -f: a missing file is no error, and no operand is fine). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

struct options {
	int recursive;
	int force;
};

/* Metadata of PATH without following a symbolic link (Phoenix has none). */
static int stat_nofollow(const char *path, struct stat *st)
{
#ifdef __phoenix__
	return stat(path, st);
#else
	return lstat(path, st);
#endif
}

/* Print "rm: PATH: <strerror of ERR>" unless -f excuses ENOENT. Returns
 * the status to add: 0 or 1. */
static int complain(const char *path, int err, const struct options *o)
{
	if (o->force && err == ENOENT)
		return 0;
	fprintf(stderr, "rm: %s: %s\n", path, strerror(err));
	return 1;
}

static int remove_path(const char *path, const struct options *o);

/* Remove everything inside directory DIR, then DIR. Returns 0 or 1. */
static int remove_tree(const char *dir, const struct options *o)
{
	DIR *d = opendir(dir);
	if (!d)
		return complain(dir, errno, o);
	/* Collect the names first: the directory changes as they go. */
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **more = realloc(names, cap * sizeof(char *));
			if (!more)
				break;
			names = more;
		}
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (!names[n])
			break;
		snprintf(names[n++], len, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		status |= remove_path(names[i], o);
		free(names[i]);
	}
	free(names);
	if (rmdir(dir) < 0)
		status |= complain(dir, errno, o);
	return status;
}

/* Remove PATH (a directory only with -r). Returns 0 or 1. */
static int remove_path(const char *path, const struct options *o)
{
	struct stat st;
	if (stat_nofollow(path, &st) < 0)
		return complain(path, errno, o);
	if (S_ISDIR(st.st_mode)) {
		if (!o->recursive)
			return complain(path, EISDIR, o);
		return remove_tree(path, o);
	}
	if (unlink(path) < 0)
		return complain(path, errno, o);
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { 0, 0 };
	int c, status = 0;
	while ((c = getopt(argc, argv, "rRf")) != -1) {
		if (c == 'r' || c == 'R')
			o.recursive = 1;
		else if (c == 'f')
			o.force = 1;
		else {
			fprintf(stderr, "usage: rm [-r] [-f] PATH...\n");
			return 2;
		}
	}
	if (optind >= argc && !o.force) {
		fprintf(stderr, "usage: rm [-r] [-f] PATH...\n");
		return 2;
	}
	for (int i = optind; i < argc; i++)
		status |= remove_path(argv[i], &o);
	return status;
}
