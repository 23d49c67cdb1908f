/* mv across file systems: the copy of a regular file (mv.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>
#include "mv.h"

#define BUF_SIZE 4096

/* copy_fd: IN to its end onto OUT. Returns 0, or -1 with errno and
 * *WRITING set when the write failed. */
static int copy_fd(int in, int out, int *writing)
{
	static char buf[BUF_SIZE];
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		*writing = 0;
		if (n <= 0)
			return (int) n;
		for (ssize_t off = 0; off < n; ) {
			ssize_t w = write(out, buf + off, (size_t) (n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				*writing = 1;
				return -1;
			}
			off += w;
		}
	}
}

/* mv_copy: see mv.h. */
int mv_copy(const char *src, const char *dst, const struct stat *st)
{
	int writing = 0;
	int in = open(src, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "mv: %s: %s\n", src, strerror(errno));
		return 1;
	}
	int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0) {
		fprintf(stderr, "mv: %s: %s\n", dst, strerror(errno));
		close(in);
		return 1;
	}
	int r = copy_fd(in, out, &writing);
	close(in);
	if (r == 0 && close(out) < 0) {
		writing = 1;
		r = -1;
	} else if (r < 0) {
		int e = errno;
		close(out);
		errno = e;
	}
	if (r == 0) {
		struct utimbuf t = { st->st_atime, st->st_mtime };
		if (chown(dst, st->st_uid, st->st_gid) < 0)
			errno = 0;  /* not root: the file stays the caller's */
		if (chmod(dst, st->st_mode & 07777) < 0 ||
		    utime(dst, &t) < 0) {
			writing = 1;
			r = -1;
		}
	}
	if (r < 0) {
		fprintf(stderr, "mv: %s: %s\n", writing ? dst : src,
		    strerror(errno));
		unlink(dst);
		return 1;
	}
	return 0;
}
