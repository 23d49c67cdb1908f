/* wc: count lines, words and bytes: wc [-l] [-w] [-c] [FILE...] (all three
 * without options; standard input without files or for "-"; a "total"
 * line when there are several files). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE 4096

struct counts {
	unsigned long lines, words, bytes;
};

struct options {
	int lines, words, bytes;
};

/* Count descriptor FD into C. Returns 0, or -1 with errno. */
static int count_fd(int fd, struct counts *c)
{
	static char buf[BUF_SIZE];
	int in_word = 0;
	memset(c, 0, sizeof(*c));
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		c->bytes += (unsigned long) n;
		for (ssize_t i = 0; i < n; i++) {
			char ch = buf[i];
			if (ch == '\n')
				c->lines++;
			int blank = ch == ' ' || ch == '\t' || ch == '\n' ||
			    ch == '\r' || ch == '\v' || ch == '\f';
			if (!blank && !in_word)
				c->words++;
			in_word = !blank;
		}
	}
}

/* Print the selected counts of C, then NAME if not NULL. */
static void print_counts(const struct counts *c, const struct options *o,
    const char *name)
{
	if (o->lines)
		printf("%7lu", c->lines);
	if (o->words)
		printf("%s%7lu", o->lines ? " " : "", c->words);
	if (o->bytes)
		printf("%s%7lu", o->lines || o->words ? " " : "", c->bytes);
	if (name)
		printf(" %s", name);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct options o = { 0, 0, 0 };
	struct counts c, total = { 0, 0, 0 };
	int opt, status = 0;
	while ((opt = getopt(argc, argv, "lwc")) != -1) {
		if (opt == 'l') o.lines = 1;
		else if (opt == 'w') o.words = 1;
		else if (opt == 'c') o.bytes = 1;
		else {
			fprintf(stderr, "usage: wc [-l] [-w] [-c] [FILE...]\n");
			return 2;
		}
	}
	if (!o.lines && !o.words && !o.bytes)
		o.lines = o.words = o.bytes = 1;
	if (optind >= argc) {
		if (count_fd(0, &c) < 0) {
			fprintf(stderr, "wc: -: %s\n", strerror(errno));
			return 1;
		}
		print_counts(&c, &o, NULL);
		return 0;
	}
	for (int i = optind; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
		if (fd < 0 || count_fd(fd, &c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			if (fd > 0)
				close(fd);
			continue;
		}
		if (fd > 0)
			close(fd);
		print_counts(&c, &o, argv[i]);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
	}
	if (argc - optind > 1)
		print_counts(&total, &o, "total");
	return status;
}
