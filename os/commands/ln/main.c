/* ln: links: ln SRC DST gives the file SRC a second name DST (a hard
 * link); ln -s SRC DST makes DST a symbolic link holding SRC (SRC need
 * not exist). When DST is a directory the new name is DST/<last component
 * of SRC>. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* target: the name to make for SRC given DST into BUF (SIZE bytes):
 * DST itself, or DST/<base of SRC> when DST is a directory. Returns BUF,
 * or NULL when that is too long. */
static const char *target(const char *src, const char *dst, char *buf,
    size_t size)
{
	struct stat st;
	if (stat(dst, &st) != 0 || !S_ISDIR(st.st_mode))
		return dst;
	size_t len = strlen(src);
	while (len > 1 && src[len - 1] == '/')
		len--;
	size_t start = len;
	while (start > 0 && src[start - 1] != '/')
		start--;
	int n = snprintf(buf, size, "%s/%.*s", dst, (int) (len - start),
	    src + start);
	return n < 0 || (size_t) n >= size ? NULL : buf;
}

/* main: ln [-s] SRC DST. Status 0; 1 with "ln: DST: <strerror>" when the
 * link cannot be made; 2 with a usage line for bad arguments. */
int main(int argc, char **argv)
{
	char buf[PATH_MAX];
	int sym = argc > 1 && strcmp(argv[1], "-s") == 0;
	if (argc != 3 + sym) {
		fprintf(stderr, "usage: ln [-s] SRC DST\n");
		return 2;
	}
	argv += sym;
	const char *dst = target(argv[1], argv[2], buf, sizeof(buf));
	if (!dst) {
		fprintf(stderr, "ln: %s: %s\n", argv[2], strerror(ENAMETOOLONG));
		return 1;
	}
	if ((sym ? symlink(argv[1], dst) : link(argv[1], dst)) != 0) {
		int err = errno;
		fprintf(stderr, "ln: %s: %s\n", dst, strerror(err));
		return 1;
	}
	return 0;
}
