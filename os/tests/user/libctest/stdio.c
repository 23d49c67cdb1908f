/* Case stdio: streams on files in libctest_dir: writing, reading back,
 * pushing back, lines, seeking, appending, read-write switching, buffering
 * modes, descriptors, errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libctest.h"

/* path: the file NAME in libctest_dir (a static buffer per call slot). */
static const char *path(const char *name, int slot)
{
	static char buf[2][256];
	snprintf(buf[slot], sizeof(buf[slot]), "%s/%s", libctest_dir, name);
	return buf[slot];
}

/* slurp: the whole file P into BUF of SIZE bytes (NUL-terminated). */
static const char *slurp(const char *p, char *buf, size_t size)
{
	FILE *f = fopen(p, "r");
	if (!f)
		return "(cannot open)";
	size_t n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* test_stdio: see the top of the file. */
TEST(stdio)
{
	const char *p = path("libctest.txt", 0);
	char buf[512];

	/* writing with every output call */
	FILE *f = fopen(p, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_EQ(fprintf(f, "line %d\n", 1), 7);
	CHECK_EQ(fputs("line 2\n", f), 0);
	CHECK_EQ(fputc('x', f), 'x');
	CHECK_EQ(putc('\n', f), '\n');
	CHECK_EQ(fwrite("abc", 1, 3, f), 3);
	CHECK_EQ(fwrite("", 1, 0, f), 0);
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(ftell(f), 19);
	CHECK(!ferror(f));
	CHECK_EQ(fclose(f), 0);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "line 1\nline 2\nx\nabc");

	/* reading back */
	f = fopen(p, "r");
	CHECK(fgets(buf, sizeof(buf), f) != NULL);
	CHECK_STR(buf, "line 1\n");
	CHECK_EQ(fgetc(f), 'l');
	CHECK_EQ(ungetc('L', f), 'L');
	CHECK_EQ(getc(f), 'L');
	CHECK(fgets(buf, 4, f) != NULL);        /* cut at SIZE - 1 */
	CHECK_STR(buf, "ine");
	CHECK_EQ(ftell(f), 11);
	char *line = NULL;
	size_t cap = 0;
	CHECK_EQ(getline(&line, &cap, f), 3);   /* " 2\n" */
	CHECK_STR(line, " 2\n");
	CHECK_EQ(getline(&line, &cap, f), 2);
	CHECK_EQ(getline(&line, &cap, f), 3);   /* "abc": no newline */
	CHECK_STR(line, "abc");
	CHECK_EQ(getline(&line, &cap, f), -1);
	CHECK(feof(f) && !ferror(f));
	CHECK_EQ(fgetc(f), EOF);
	clearerr(f);
	CHECK(!feof(f));
	free(line);

	/* seeking */
	CHECK_EQ(fseek(f, 5, SEEK_SET), 0);
	CHECK_EQ(fgetc(f), '1');
	CHECK_EQ(fseek(f, -3, SEEK_END), 0);
	CHECK_EQ(fread(buf, 1, 10, f), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
	CHECK_EQ(fseek(f, 2, SEEK_CUR), 0);
	CHECK_EQ(fgetc(f), 'n');
	rewind(f);
	CHECK_EQ(fread(buf, 4, 2, f), 2);       /* whole items */
	CHECK(memcmp(buf, "line 1\nl", 8) == 0);
	CHECK_EQ(fclose(f), 0);

	/* appending, then reading and writing one stream */
	f = fopen(p, "a");
	CHECK_EQ(fputs("\nend", f), 0);
	fclose(f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "line 1\nline 2\nx\nabc\nend");
	f = fopen(p, "r+");
	CHECK_EQ(fgetc(f), 'l');
	CHECK_EQ(fseek(f, 0, SEEK_CUR), 0);
	CHECK_EQ(fputs("IN", f), 0);
	CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
	CHECK(fgets(buf, sizeof(buf), f) != NULL);
	CHECK_STR(buf, "lINe 1\n");
	fclose(f);

	/* "w+" truncates; a big write and read bypass the buffer */
	static char big[3 * BUFSIZ + 17];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char) ('a' + i % 26);
	f = fopen(p, "w+");
	CHECK_EQ(fwrite(big, 1, sizeof(big), f), sizeof(big));
	rewind(f);
	static char back[sizeof(big)];
	CHECK_EQ(fread(back, 1, sizeof(back), f), sizeof(back));
	CHECK(memcmp(big, back, sizeof(big)) == 0);
	fclose(f);

	/* unbuffered and line-buffered streams */
	f = fopen(p, "w");
	CHECK_EQ(setvbuf(f, NULL, _IONBF, 0), 0);
	fputs("now", f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "now");
	CHECK_EQ(fprintf(f, "-%d-", 42), 4);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "now-42-");
	fclose(f);
	f = fopen(p, "w");
	static char lbuf[64];
	CHECK_EQ(setvbuf(f, lbuf, _IOLBF, sizeof(lbuf)), 0);
	fputs("part", f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "");
	fputs("ial\nrest", f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "partial\n");
	putc('!', f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "partial\n");
	putc('\n', f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "partial\nrest!\n");
	fputs("tail", f);
	fclose(f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "partial\nrest!\ntail");
	CHECK_EQ(setvbuf(stdout, NULL, 7, 0), -1);

	/* descriptors: fdopen, fileno, dprintf */
	int fd = open(p, O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	CHECK_EQ(dprintf(fd, "fd %d;", 3), 5);
	f = fdopen(fd, "w");
	CHECK(f && fileno(f) == fd);
	fprintf(f, "stream");
	fclose(f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "fd 3;stream");

	/* renaming and removing; errors */
	const char *q = path("libctest.moved", 1);
	CHECK_EQ(rename(p, q), 0);
	errno = 0;
	CHECK(fopen(p, "r") == NULL);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(remove(q), 0);
	CHECK(fopen(q, "r") == NULL);
	errno = 0;
	CHECK(fopen(p, "rw") == NULL);           /* not a mode */
	CHECK_EQ(errno, EINVAL);
	f = fopen(p, "w");
	CHECK(fgetc(f) == EOF && ferror(f));     /* not open for reading */
	fclose(f);
	f = fopen(p, "r");
	CHECK(fputc('x', f) == EOF && ferror(f)); /* not open for writing */
	fclose(f);
	CHECK_EQ(remove(p), 0);
	errno = 0;
	CHECK_EQ(remove(p), -1);
	CHECK_EQ(errno, ENOENT);
}
