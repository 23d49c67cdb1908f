/* sha256sum: SHA-256 digests of files, in GNU's format:
 *   sha256sum [FILE...]      "HASH  NAME" per file (standard input when
 *                            there is none, or for "-", named "-");
 *   sha256sum -c [LIST...]   read "HASH  NAME" (or "HASH *NAME") lines
 *                            and say "NAME: OK" or "NAME: FAILED" for
 *                            each, "NAME: FAILED open or read" when the
 *                            file cannot be read, with GNU's WARNING
 *                            counts on standard error at the end.
 * Status 0 when every file was read (and, with -c, matched), 1 otherwise;
 * 2 for a bad option. The digest: sha256.c. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sha256.h"

#define BUF_SIZE 4096
#define HEX_LEN (2 * SHA256_DIGEST)

/* digest_fd: the SHA-256 of what FD holds to its end, as 64 lowercase hex
 * digits and a NUL into HEX. Returns 0, or -1 with errno. */
static int digest_fd(int fd, char hex[HEX_LEN + 1])
{
	static unsigned char buf[BUF_SIZE];
	struct sha256 s;
	unsigned char d[SHA256_DIGEST];
	sha256_init(&s);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		sha256_update(&s, buf, (size_t) n);
	}
	sha256_final(&s, d);
	for (int i = 0; i < SHA256_DIGEST; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	return 0;
}

/* digest_file: the digest of NAME ("-": standard input) into HEX.
 * Returns 0, or -1 after saying why on standard error. */
static int digest_file(const char *name, char hex[HEX_LEN + 1])
{
	int std = strcmp(name, "-") == 0;
	int fd = std ? 0 : open(name, O_RDONLY);
	if (fd < 0 || digest_fd(fd, hex) < 0) {
		fprintf(stderr, "sha256sum: %s: %s\n", name, strerror(errno));
		if (fd > 0)
			close(fd);
		return -1;
	}
	if (!std)
		close(fd);
	return 0;
}

/* The counts -c reports at the end. */
struct tally {
	unsigned long bad_lines, unreadable, mismatched, good_lines;
};

/* parse_line: split a list line LINE (newline removed) into its hash and
 * name. Returns 0, or -1 when it is not "HASH  NAME" or "HASH *NAME". */
static int parse_line(char *line, char **hash, char **name)
{
	for (int i = 0; i < HEX_LEN; i++)
		if (!isxdigit((unsigned char) line[i]))
			return -1;
	if (line[HEX_LEN] != ' ' ||
	    (line[HEX_LEN + 1] != ' ' && line[HEX_LEN + 1] != '*') ||
	    line[HEX_LEN + 2] == '\0')
		return -1;
	line[HEX_LEN] = '\0';
	*hash = line;
	*name = line + HEX_LEN + 2;
	return 0;
}

/* check_line: check one line of a list against its file, counting into
 * T. */
static void check_line(char *line, struct tally *t)
{
	char *hash, *name, hex[HEX_LEN + 1];
	size_t len = strlen(line);
	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	if (len == 0 || line[0] == '#')
		return;
	if (parse_line(line, &hash, &name) < 0) {
		t->bad_lines++;
		return;
	}
	t->good_lines++;
	if (digest_file(name, hex) < 0) {
		printf("%s: FAILED open or read\n", name);
		t->unreadable++;
		return;
	}
	for (char *h = hash; *h; h++)
		*h = (char) tolower((unsigned char) *h);
	int ok = strcmp(hash, hex) == 0;
	printf("%s: %s\n", name, ok ? "OK" : "FAILED");
	if (!ok)
		t->mismatched++;
}

/* warn: GNU's summary line for COUNT things (ONE, MANY their nouns). */
static void warn(unsigned long count, const char *one, const char *many)
{
	if (count)
		fprintf(stderr, "sha256sum: WARNING: %lu %s\n", count,
		    count == 1 ? one : many);
}

/* check_list: -c for the list NAME ("-": standard input). Returns 0 when
 * every line was well formed and every file matched, 1 otherwise. */
static int check_list(const char *name)
{
	int std = strcmp(name, "-") == 0;
	FILE *f = std ? stdin : fopen(name, "r");
	if (!f) {
		fprintf(stderr, "sha256sum: %s: %s\n", name, strerror(errno));
		return 1;
	}
	struct tally t = { 0, 0, 0, 0 };
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) >= 0)
		check_line(line, &t);
	int failed = ferror(f);
	if (failed)
		fprintf(stderr, "sha256sum: %s: %s\n", name, strerror(errno));
	free(line);
	if (!std)
		fclose(f);
	if (t.good_lines == 0 && !failed) {
		fprintf(stderr, "sha256sum: %s: no properly formatted checksum "
		    "lines found\n", name);
		return 1;
	}
	warn(t.bad_lines, "line is improperly formatted",
	    "lines are improperly formatted");
	warn(t.unreadable, "listed file could not be read",
	    "listed files could not be read");
	warn(t.mismatched, "computed checksum did NOT match",
	    "computed checksums did NOT match");
	return failed || t.bad_lines || t.unreadable || t.mismatched;
}

int main(int argc, char **argv)
{
	int check = 0, i = 1, status = 0;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-c") == 0 ||
		    strcmp(argv[i], "--check") == 0)
			check = 1;
		else {
			fprintf(stderr, "usage: sha256sum [-c] [FILE...]\n");
			return 2;
		}
	}
	char *none[] = { "-" };
	char **names = i < argc ? argv + i : none;
	int count = i < argc ? argc - i : 1;
	for (int k = 0; k < count; k++) {
		char hex[HEX_LEN + 1];
		if (check)
			status |= check_list(names[k]);
		else if (digest_file(names[k], hex) < 0)
			status = 1;
		else
			printf("%s  %s\n", hex, names[k]);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sha256sum: write error: %s\n",
		    strerror(errno));
		return 1;
	}
	return status;
}
