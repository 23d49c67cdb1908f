/* cp: copy a file: cp SRC DST, where DST may be a directory (the copy is
 * then DST/<last component of SRC>). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define BUF_SIZE 4096

/* The last component of PATH (PATH itself when it has no '/'). */
static const char *last_component(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* Copy descriptor IN to OUT. Returns 0, or -1 with errno and *WHICH set to
 * the side that failed (0 reading, 1 writing). */
static int copy_fd(int in, int out, int *which)
{
	static char buf[BUF_SIZE];
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*which = 0;
			return (int) n;
		}
		for (ssize_t off = 0; off < n; ) {
			ssize_t w = write(out, buf + off, (size_t) (n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				*which = 1;
				return -1;
			}
			off += w;
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: cp SRC DST\n");
		return 2;
	}
	const char *src = argv[1];
	char *dst = argv[2];
	struct stat st, dst_st;
	if (stat(src, &st) < 0) {
		fprintf(stderr, "cp: %s: %s\n", src, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "cp: %s: %s\n", src, strerror(EISDIR));
		return 1;
	}
	if (stat(dst, &dst_st) == 0 && S_ISDIR(dst_st.st_mode)) {
		size_t len = strlen(dst) + strlen(last_component(src)) + 2;
		char *full = malloc(len);
		if (!full) {
			fprintf(stderr, "cp: %s\n", strerror(ENOMEM));
			return 1;
		}
		snprintf(full, len, "%s/%s", dst, last_component(src));
		dst = full;
	}
	int in = open(src, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "cp: %s: %s\n", src, strerror(errno));
		return 1;
	}
	int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);
	if (out < 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		return 1;
	}
	int which;
	if (copy_fd(in, out, &which) < 0) {
		fprintf(stderr, "cp: %s: %s\n", which ? dst : src, strerror(errno));
		return 1;
	}
	if (close(out) < 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		return 1;
	}
	close(in);
	return 0;
}
