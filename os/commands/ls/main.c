/* ls: list files and directories: ls [-l] [-a] [PATH...]. Directories are
 * listed sorted by name, one entry per line; -a shows names starting with
 * '.', -l the mode (type, rwx with s/S and t/T), link count, owner, group,
 * size (device files: major, minor) and name; a symbolic link is shown
 * itself (type l) with " -> " and its contents after the name (with -l
 * a PATH that is a link is not followed either, as GNU ls). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ls.h"
#ifndef __phoenix__
#include <sys/sysmacros.h>
#define DEV_MAJOR(d) ((int) major(d))
#define DEV_MINOR(d) ((int) minor(d))
#elif !defined(DEV_MAJOR)
#include <abi/stat.h>          /* DEV_MAJOR, DEV_MINOR */
#endif

struct options {
	int longfmt;        /* -l */
	int all;            /* -a */
};

/* The type letter and rwx string of MODE into OUT (11 bytes). The x of
 * the owner, group and others shows set-user-id, set-group-id and the
 * sticky bit: s (t) with x, S (T) without. */
static void mode_string(unsigned mode, char *out)
{
	static const char rwx[] = "rwxrwxrwx";
	char type = '-';
	if (S_ISDIR(mode)) type = 'd';
	else if (S_ISCHR(mode)) type = 'c';
	else if (S_ISBLK(mode)) type = 'b';
	else if (S_ISFIFO(mode)) type = 'p';
	else if (S_ISLNK(mode)) type = 'l';
	out[0] = type;
	for (int i = 0; i < 9; i++)
		out[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
	if (mode & S_ISUID)
		out[3] = out[3] == 'x' ? 's' : 'S';
	if (mode & S_ISGID)
		out[6] = out[6] == 'x' ? 's' : 'S';
	if (mode & S_ISVTX)
		out[9] = out[9] == 'x' ? 't' : 'T';
	out[10] = '\0';
}

/* Print one entry NAME whose metadata is at PATH. Returns 0, or 1 after an
 * error. */
static int show(const char *path, const char *name, const struct options *o)
{
	if (!o->longfmt) {
		printf("%s\n", name);
		return 0;
	}
	struct stat st;
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	char mode[11];
	mode_string(st.st_mode, mode);
	printf("%s %3u %-8s %-8s ", mode, (unsigned) st.st_nlink,
	    user_name((unsigned) st.st_uid), group_name((unsigned) st.st_gid));
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printf("%4d, %3d %s\n", DEV_MAJOR(st.st_rdev),
		    DEV_MINOR(st.st_rdev), name);
	else
		printf("%9ld %s", (long) st.st_size, name);
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t n = readlink(path, target, sizeof(target) - 1);
		printf(" -> %.*s", n < 0 ? 0 : (int) n, target);
	}
	if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode))
		putchar('\n');
	return 0;
}

/* qsort comparison of two names (char **). */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* List directory DIR sorted. Returns 0, or 1 after an error. */
static int list_dir(const char *dir, const struct options *o)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int status = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && !o->all)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **more = realloc(names, cap * sizeof(char *));
			if (!more) {
				fprintf(stderr, "ls: %s: out of memory\n", dir);
				status = 1;
				break;
			}
			names = more;
		}
		names[n] = strdup(e->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(char *), by_name);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		if (path) {
			snprintf(path, len, "%s%s%s", dir,
			    dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
			status |= show(path, names[i], o);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return status;
}

/* Print the usage line and end with status 2. */
static void usage(void)
{
	fprintf(stderr, "usage: ls [-l] [-a] [PATH...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct options o = { 0, 0 };
	int c, status = 0;
	while ((c = getopt(argc, argv, "la")) != -1) {
		if (c == 'l')
			o.longfmt = 1;
		else if (c == 'a')
			o.all = 1;
		else
			usage();
	}
	char *dot[] = { ".", NULL };
	char **paths = optind < argc ? argv + optind : dot;
	int npaths = optind < argc ? argc - optind : 1;

	/* Files first, in the order given; then each directory. */
	int shown = 0;
	for (int i = 0; i < npaths; i++) {
		struct stat st;
		if ((o.longfmt ? lstat(paths[i], &st) : stat(paths[i], &st)) < 0) {
			fprintf(stderr, "ls: %s: %s\n", paths[i], strerror(errno));
			status = 1;
			paths[i] = NULL;
		} else if (!S_ISDIR(st.st_mode)) {
			status |= show(paths[i], paths[i], &o);
			paths[i] = NULL;
			shown++;
		}
	}
	for (int i = 0; i < npaths; i++) {
		if (!paths[i])
			continue;
		if (npaths > 1)
			printf("%s%s:\n", shown++ ? "\n" : "", paths[i]);
		status |= list_dir(paths[i], &o);
	}
	return status;
}
