/* cmp: compare two files byte by byte: cmp [-s | -l] FILE1 [FILE2]
 * ("-" or a missing FILE2: standard input). Status 0 when they are the
 * same, 1 when they differ, 2 on trouble (a file that cannot be read, a
 * bad option). The first difference is said as POSIX and GNU cmp say it:
 * "FILE1 FILE2 differ: byte N, line M"; a file that ends first:
 * "cmp: EOF on FILE after byte N, line M" on standard error (", in line M"
 * when its last byte was not a newline; "which is empty" when it has
 * none). -s prints nothing; -l prints every difference as
 * "BYTE OCTAL1 OCTAL2" (GNU's widths: the byte number as wide as the
 * size of the smaller regular file, the bytes 3 octal digits). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define BUF_SIZE 4096

/* A file read through its own buffer (read(2) a block at a time: pipes
 * and terminals may give less, which is not the end). */
struct input {
	const char *name;
	int fd;
	unsigned char buf[BUF_SIZE];
	size_t pos, len;
	int eof;
};

enum mode { MODE_FIRST, MODE_SILENT, MODE_LIST };

/* next_byte: the next byte of IN (0..255), -1 at its end, -2 on a read
 * error (errno set). */
static int next_byte(struct input *in)
{
	if (in->pos == in->len) {
		if (in->eof)
			return -1;
		ssize_t n;
		do
			n = read(in->fd, in->buf, sizeof(in->buf));
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return -2;
		if (n == 0) {
			in->eof = 1;
			return -1;
		}
		in->pos = 0;
		in->len = (size_t) n;
	}
	return in->buf[in->pos++];
}

/* open_input: open NAME ("-": standard input) into IN. Returns 0, or -1
 * after saying why. */
static int open_input(struct input *in, const char *name, enum mode mode)
{
	in->name = name;
	in->pos = in->len = 0;
	in->eof = 0;
	if (strcmp(name, "-") == 0) {
		in->fd = 0;
		return 0;
	}
	in->fd = open(name, O_RDONLY);
	if (in->fd < 0) {
		if (mode != MODE_SILENT)
			fprintf(stderr, "cmp: %s: %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

/* say_eof: the shorter file IN ended after BYTES bytes and LINES
 * newlines, LAST its last byte (-1: none). */
static void say_eof(const struct input *in, unsigned long long bytes,
    unsigned long long lines, int last, enum mode mode)
{
	if (mode == MODE_SILENT)
		return;
	if (bytes == 0)
		fprintf(stderr, "cmp: EOF on %s which is empty\n", in->name);
	else if (mode == MODE_LIST)
		fprintf(stderr, "cmp: EOF on %s after byte %llu\n", in->name,
		    bytes);
	else if (last == '\n')
		fprintf(stderr, "cmp: EOF on %s after byte %llu, line %llu\n",
		    in->name, bytes, lines);
	else
		fprintf(stderr, "cmp: EOF on %s after byte %llu, in line "
		    "%llu\n", in->name, bytes, lines + 1);
}

/* list_width: the width of -l's byte numbers for A and B: the digits of
 * the smaller size of the regular files among them (of the largest
 * 64-bit offset when neither is one), as GNU cmp lines them up. */
static int list_width(const struct input *a, const struct input *b)
{
	unsigned long long max = 9223372036854775807ull;
	const struct input *in[2] = { a, b };
	for (int i = 0; i < 2; i++) {
		struct stat st;
		if (fstat(in[i]->fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (unsigned long long) st.st_size < max)
			max = (unsigned long long) st.st_size;
	}
	int width = 1;
	while (max /= 10)
		width++;
	return width;
}

/* compare: compare A and B to the end of the first difference (or of
 * both, with -l). Returns the status: 0, 1 or 2. */
static int compare(struct input *a, struct input *b, enum mode mode)
{
	unsigned long long byte = 0, line = 1;
	int differ = 0, last = -1;
	int width = mode == MODE_LIST ? list_width(a, b) : 0;
	for (;;) {
		int ca = next_byte(a), cb = next_byte(b);
		if (ca == -2 || cb == -2) {
			if (mode != MODE_SILENT)
				fprintf(stderr, "cmp: %s: %s\n",
				    (ca == -2 ? a : b)->name, strerror(errno));
			return 2;
		}
		if (ca < 0 && cb < 0)
			return differ;
		if (ca < 0 || cb < 0) {
			say_eof(ca < 0 ? a : b, byte, line - 1, last, mode);
			return 1;
		}
		byte++;
		if (ca != cb) {
			if (mode == MODE_SILENT)
				return 1;
			if (mode == MODE_FIRST) {
				printf("%s %s differ: byte %llu, line %llu\n",
				    a->name, b->name, byte, line);
				return 1;
			}
			printf("%*llu %3o %3o\n", width, byte, (unsigned) ca,
			    (unsigned) cb);
			differ = 1;
		}
		if (ca == '\n')
			line++;
		last = ca;
	}
}

int main(int argc, char **argv)
{
	enum mode mode = MODE_FIRST;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 's')
				mode = MODE_SILENT;
			else if (*o == 'l')
				mode = MODE_LIST;
			else {
				fprintf(stderr, "usage: cmp [-s | -l] FILE1 "
				    "[FILE2]\n");
				return 2;
			}
		}
	}
	if (argc - i < 1 || argc - i > 2) {
		fprintf(stderr, "usage: cmp [-s | -l] FILE1 [FILE2]\n");
		return 2;
	}
	static struct input a, b;
	const char *name2 = argc - i == 2 ? argv[i + 1] : "-";
	if (open_input(&a, argv[i], mode) < 0 ||
	    open_input(&b, name2, mode) < 0)
		return 2;
	int status = compare(&a, &b, mode);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "cmp: write error: %s\n", strerror(errno));
		return 2;
	}
	return status;
}
