/* sh: the read builtin, for `while read LINE; do ...; done` scripts. */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* Whether S is a valid variable name. */
static int read_name_ok(const char *s)
{
	if (!(isalpha((unsigned char) *s) || *s == '_'))
		return 0;
	while (*++s)
		if (!(isalnum((unsigned char) *s) || *s == '_'))
			return 0;
	return 1;
}

/* The fields being filled: NAMES[0..N-1]; the last one takes the rest of
 * the line. KEEP is how much of the current field to keep at its end
 * (trailing blanks of the last field are dropped). */
struct read_fields {
	char **names;
	int n, at;
	struct strbuf cur;
	size_t keep;
};

/* Give the current field to its variable and go to the next one. */
static void read_field_end(struct read_fields *r)
{
	if (r->at < r->n) {
		r->cur.len = r->keep;
		if (r->cur.s)
			r->cur.s[r->keep] = '\0';
		setenv(r->names[r->at], r->cur.s ? r->cur.s : "", 1);
	}
	r->at++;
	sb_clear(&r->cur);
	r->keep = 0;
}

/* Add the byte C of the line (ESCAPED: it followed a backslash). */
static void read_add(struct read_fields *r, char c, int escaped)
{
	int blank = !escaped && (c == ' ' || c == '\t');
	if (blank) {
		if (r->cur.len == 0)
			return;                 /* blanks before a field */
		if (r->at < r->n - 1) {
			read_field_end(r);
			return;
		}
		sb_addc(&r->cur, c);            /* inside the last field */
		return;
	}
	sb_addc(&r->cur, c);
	r->keep = r->cur.len;
}

/* read [-r] [NAME...]: read one line of standard input (a byte at a time,
 * so that the rest stays for whoever reads next), split it at blanks into
 * the NAMEs, the last taking the rest of the line (no NAME: REPLY). Without
 * -r a backslash makes the next character ordinary and a backslash-newline
 * continues the line. Status 0; 1 at the end of the input (the NAMEs still
 * get what was read); 2 for a bad NAME. */
int builtin_read(int argc, char **argv)
{
	int raw = 0, i = 1;
	static char *reply[] = { "REPLY", NULL };
	if (i < argc && strcmp(argv[i], "-r") == 0) {
		raw = 1;
		i++;
	}
	for (int k = i; k < argc; k++) {
		if (!read_name_ok(argv[k])) {
			fprintf(stderr, "sh: read: %s: bad variable name\n", argv[k]);
			return 2;
		}
	}
	struct read_fields r = { .names = i < argc ? argv + i : reply,
	    .n = i < argc ? argc - i : 1 };
	int status = 1, escaped = 0;
	for (;;) {
		char c;
		ssize_t got = read(0, &c, 1);
		if (got < 0 && errno == EINTR) {
			if (shell.got_sigint) {
				status = 128 + SIGINT;
				break;
			}
			continue;
		}
		if (got <= 0)
			break;
		if (escaped) {
			escaped = 0;
			if (c != '\n')
				read_add(&r, c, 1);
			continue;
		}
		if (c == '\n') {
			status = 0;
			break;
		}
		if (c == '\\' && !raw) {
			escaped = 1;
			continue;
		}
		read_add(&r, c, 0);
	}
	while (r.at < r.n)
		read_field_end(&r);
	sb_free(&r.cur);
	return status;
}
