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
void test_stdio(void)
{
	const char *p = path("libctest.txt", 0);
	char buf[512];

	/* writing with every output call */
	FILE *f = fopen(p, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_INT(fprintf(f, "line %d\n", 1), 7);
	CHECK_INT(fputs("line 2\n", f), 0);
	CHECK_INT(fputc('x', f), 'x');
	CHECK_INT(putc('\n', f), '\n');
	CHECK_INT(fwrite("abc", 1, 3, f), 3);
	CHECK_INT(fwrite("", 1, 0, f), 0);
	CHECK_INT(fflush(f), 0);
	CHECK_INT(ftell(f), 19);
	CHECK(!ferror(f));
	CHECK_INT(fclose(f), 0);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "line 1\nline 2\nx\nabc");

	/* reading back */
	f = fopen(p, "r");
	CHECK(fgets(buf, sizeof(buf), f) != NULL);
	CHECK_STR(buf, "line 1\n");
	CHECK_INT(fgetc(f), 'l');
	CHECK_INT(ungetc('L', f), 'L');
	CHECK_INT(getc(f), 'L');
	CHECK(fgets(buf, 4, f) != NULL);        /* cut at SIZE - 1 */
	CHECK_STR(buf, "ine");
	CHECK_INT(ftell(f), 11);
	char *line = NULL;
	size_t cap = 0;
	CHECK_INT(getline(&line, &cap, f), 3);   /* " 2\n" */
	CHECK_STR(line, " 2\n");
	CHECK_INT(getline(&line, &cap, f), 2);
	CHECK_INT(getline(&line, &cap, f), 3);   /* "abc": no newline */
	CHECK_STR(line, "abc");
	CHECK_INT(getline(&line, &cap, f), -1);
	CHECK(feof(f) && !ferror(f));
	CHECK_INT(fgetc(f), EOF);
	clearerr(f);
	CHECK(!feof(f));
	free(line);

	/* seeking */
	CHECK_INT(fseek(f, 5, SEEK_SET), 0);
	CHECK_INT(fgetc(f), '1');
	CHECK_INT(fseek(f, -3, SEEK_END), 0);
	CHECK_INT(fread(buf, 1, 10, f), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_INT(fseek(f, 0, SEEK_SET), 0);
	CHECK_INT(fseek(f, 2, SEEK_CUR), 0);
	CHECK_INT(fgetc(f), 'n');
	rewind(f);
	CHECK_INT(fread(buf, 4, 2, f), 2);       /* whole items */
	CHECK(memcmp(buf, "line 1\nl", 8) == 0);
	CHECK_INT(fclose(f), 0);

	/* appending, then reading and writing one stream */
	f = fopen(p, "a");
	CHECK_INT(fputs("\nend", f), 0);
	fclose(f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "line 1\nline 2\nx\nabc\nend");
	f = fopen(p, "r+");
	CHECK_INT(fgetc(f), 'l');
	CHECK_INT(fseek(f, 0, SEEK_CUR), 0);
	CHECK_INT(fputs("IN", f), 0);
	CHECK_INT(fseek(f, 0, SEEK_SET), 0);
	CHECK(fgets(buf, sizeof(buf), f) != NULL);
	CHECK_STR(buf, "lINe 1\n");
	fclose(f);

	/* "w+" truncates; a big write and read bypass the buffer */
	static char big[3 * BUFSIZ + 17];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char) ('a' + i % 26);
	f = fopen(p, "w+");
	CHECK_INT(fwrite(big, 1, sizeof(big), f), sizeof(big));
	rewind(f);
	static char back[sizeof(big)];
	CHECK_INT(fread(back, 1, sizeof(back), f), sizeof(back));
	CHECK(memcmp(big, back, sizeof(big)) == 0);
	fclose(f);

	/* unbuffered and line-buffered streams */
	f = fopen(p, "w");
	CHECK_INT(setvbuf(f, NULL, _IONBF, 0), 0);
	fputs("now", f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "now");
	CHECK_INT(fprintf(f, "-%d-", 42), 4);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "now-42-");
	fclose(f);
	f = fopen(p, "w");
	static char lbuf[64];
	CHECK_INT(setvbuf(f, lbuf, _IOLBF, sizeof(lbuf)), 0);
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
	CHECK_INT(setvbuf(stdout, NULL, 7, 0), -1);

	/* descriptors: fdopen, fileno, dprintf */
	int fd = open(p, O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	CHECK_INT(dprintf(fd, "fd %d;", 3), 5);
	f = fdopen(fd, "w");
	CHECK(f && fileno(f) == fd);
	fprintf(f, "stream");
	fclose(f);
	CHECK_STR(slurp(p, buf, sizeof(buf)), "fd 3;stream");

	/* renaming and removing; errors */
	const char *q = path("libctest.moved", 1);
	CHECK_INT(rename(p, q), 0);
	errno = 0;
	CHECK(fopen(p, "r") == NULL);
	CHECK_INT(errno, ENOENT);
	CHECK_INT(remove(q), 0);
	CHECK(fopen(q, "r") == NULL);
	errno = 0;
	CHECK(fopen(p, "rw") == NULL);           /* not a mode */
	CHECK_INT(errno, EINVAL);
	f = fopen(p, "w");
	CHECK(fgetc(f) == EOF && ferror(f));     /* not open for reading */
	fclose(f);
	f = fopen(p, "r");
	CHECK(fputc('x', f) == EOF && ferror(f)); /* not open for writing */
	fclose(f);
	CHECK_INT(remove(p), 0);
	errno = 0;
	CHECK_INT(remove(p), -1);
	CHECK_INT(errno, ENOENT);
}
