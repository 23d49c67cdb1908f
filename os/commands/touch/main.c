/* touch: make files or set their times: touch [-c] [-a] [-m] [-r REF]
 * FILE... A FILE that does not exist is created empty (0666 less the
 * umask), unless -c. Its access and modification times become now (with
 * -a only the access time, with -m only the modification time; -r: REF's
 * times instead of now). Times count seconds since 1970 UTC (time()).
 * Status 1 when a file could not be made or changed (after the others),
 * 2 for a bad option. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <sys/stat.h>

struct options {
	int no_create, atime, mtime;
	const char *ref;
	struct stat ref_st;
};

/* new_times: the times FILE (status ST) gets under O into *T. Returns 1
 * when both are "now" and utime(NULL) does it (which a user with write
 * permission who is not the owner may do), 0 when *T is filled. */
static int new_times(const struct options *o, const struct stat *st,
    struct utimbuf *t)
{
	if (!o->ref && o->atime && o->mtime)
		return 1;
	time_t now = time(NULL);
	t->actime = o->ref ? (time_t) o->ref_st.st_atime : now;
	t->modtime = o->ref ? (time_t) o->ref_st.st_mtime : now;
	if (!o->atime)
		t->actime = (time_t) st->st_atime;
	if (!o->mtime)
		t->modtime = (time_t) st->st_mtime;
	return 0;
}

/* touch: make or update NAME. Returns 0, or 1 after saying why not. */
static int touch(const char *name, const struct options *o)
{
	struct stat st;
	if (stat(name, &st) < 0) {
		if (errno != ENOENT) {
			fprintf(stderr, "touch: %s: %s\n", name,
			    strerror(errno));
			return 1;
		}
		if (o->no_create)
			return 0;
		int fd = open(name, O_WRONLY | O_CREAT, 0666);
		if (fd < 0 || fstat(fd, &st) < 0) {
			fprintf(stderr, "touch: %s: %s\n", name,
			    strerror(errno));
			return 1;
		}
		close(fd);
		if (!o->ref && o->atime && o->mtime)
			return 0;   /* just made: its times are now */
	}
	struct utimbuf t;
	int now = new_times(o, &st, &t);
	if (utime(name, now ? NULL : &t) < 0) {
		fprintf(stderr, "touch: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct options o;
	int i = 1, status = 0;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'c')
				o.no_create = 1;
			else if (*f == 'a')
				o.atime = 1;
			else if (*f == 'm')
				o.mtime = 1;
			else if (*f == 'r' && !f[1] && i + 1 < argc) {
				o.ref = argv[++i];
				break;
			} else
				goto usage;
		}
	}
	if (i == argc)
		goto usage;
	if (!o.atime && !o.mtime)
		o.atime = o.mtime = 1;
	if (o.ref && stat(o.ref, &o.ref_st) < 0) {
		fprintf(stderr, "touch: %s: %s\n", o.ref, strerror(errno));
		return 1;
	}
	for (; i < argc; i++)
		status |= touch(argv[i], &o);
	return status;
usage:
	fprintf(stderr, "usage: touch [-c] [-a] [-m] [-r REF] FILE...\n");
	return 2;
}
