/* sh: the expander. Turns a raw word into fields when its command runs:
 * quotes are removed, backslashes escape, $NAME ${NAME} $? $$ $! $# $0-$9
 * $@ $* expand (also inside "..."), a leading ~ is $HOME, and unquoted
 * expansions split into fields at blanks. No globbing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "sh.h"

/* A word being cut into fields. */
struct fields {
	struct strvec *out;
	struct strbuf cur;
	int have;               /* the current field exists, even if empty */
	int split;              /* split unquoted expansions at blanks */
};

/* Whether C may start a variable name. */
static int name_start(char c)
{
	return isalpha((unsigned char) c) || c == '_';
}

/* Whether C may continue a variable name. */
static int name_char(char c)
{
	return isalnum((unsigned char) c) || c == '_';
}

/* Whether RAW is an assignment: NAME=... with an unquoted name. */
int is_assignment(const char *raw)
{
	if (!name_start(raw[0]))
		return 0;
	const char *p = raw + 1;
	while (name_char(*p))
		p++;
	return *p == '=';
}

/* End the current field and hand it to the output. */
static void field_end(struct fields *f)
{
	sv_push(f->out, sb_take(&f->cur));
	f->have = 0;
}

/* Add text that came from an expansion: split at blanks when unquoted. */
static void add_expanded(struct fields *f, const char *s, int quoted)
{
	if (quoted || !f->split) {
		sb_adds(&f->cur, s);
		f->have = 1;
		return;
	}
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			if (f->have || f->cur.len)
				field_end(f);
		} else {
			sb_addc(&f->cur, *s);
			f->have = 1;
		}
	}
}

/* Expand the $ construct at RAW[*I] (just after the '$') into F and move *I
 * past it. Something that is not an expansion leaves a literal '$'. */
static void expand_dollar(const char *raw, size_t *i, struct fields *f,
    int quoted)
{
	char num[16];
	const char *value = NULL;
	char *owned = NULL;
	char c = raw[*i];

	if (c == '{') {
		const char *close = strchr(raw + *i, '}');
		size_t n = close ? (size_t) (close - (raw + *i + 1)) : 0;
		if (!close || n == 0) {
			add_expanded(f, "$", 1);
			return;
		}
		char *name = sh_strndup(raw + *i + 1, n);
		if (n == 1 && strchr("?$!#@*0123456789", name[0])) {
			size_t j = 0;
			expand_dollar(name, &j, f, quoted);
		} else {
			value = getenv(name);
			add_expanded(f, value ? value : "", quoted);
		}
		free(name);
		*i += n + 2;
		return;
	}
	if (c == '?') {
		snprintf(num, sizeof(num), "%d", shell.status);
		value = num;
	} else if (c == '$') {
		snprintf(num, sizeof(num), "%d", (int) shell.pid);
		value = num;
	} else if (c == '!') {
		if (shell.last_bg)
			snprintf(num, sizeof(num), "%d", (int) shell.last_bg);
		else
			num[0] = '\0';
		value = num;
	} else if (c == '#') {
		snprintf(num, sizeof(num), "%d", shell.argc > 0 ? shell.argc - 1 : 0);
		value = num;
	} else if (c >= '0' && c <= '9') {
		int n = c - '0';
		value = n < shell.argc ? shell.argv[n] : "";
	} else if (c == '@' || c == '*') {
		struct strbuf all = { 0 };
		for (int n = 1; n < shell.argc; n++) {
			if (n > 1)
				sb_addc(&all, ' ');
			sb_adds(&all, shell.argv[n]);
		}
		owned = sb_take(&all);
		value = owned;
	} else if (name_start(c)) {
		size_t start = *i;
		while (name_char(raw[*i]))
			(*i)++;
		char *name = sh_strndup(raw + start, *i - start);
		value = getenv(name);
		free(name);
		add_expanded(f, value ? value : "", quoted);
		return;
	} else {
		add_expanded(f, "$", 1);
		return;
	}
	(*i)++;
	add_expanded(f, value, quoted);
	free(owned);
}

/* Expand the "..." part of RAW starting at RAW[*I] (just after the opening
 * quote) and move *I past the closing quote. */
static void expand_dquoted(const char *raw, size_t *i, struct fields *f)
{
	f->have = 1;
	while (raw[*i] && raw[*i] != '"') {
		char c = raw[(*i)++];
		if (c == '\\' && raw[*i] && strchr("$\"\\`\n", raw[*i])) {
			c = raw[(*i)++];
			if (c != '\n')
				sb_addc(&f->cur, c);
		} else if (c == '$') {
			expand_dollar(raw, i, f, 1);
		} else {
			sb_addc(&f->cur, c);
		}
	}
	if (raw[*i] == '"')
		(*i)++;
}

/* Expand the raw word RAW into fields appended to OUT. With SPLIT, unquoted
 * expansions split at blanks and a word that expands to nothing unquoted
 * gives no field; without, RAW gives exactly one field. */
void expand_word(const char *raw, int split, struct strvec *out)
{
	struct fields f = { .out = out, .split = split };
	size_t i = 0;

	if (raw[0] == '~' && (raw[1] == '\0' || raw[1] == '/')) {
		const char *home = getenv("HOME");
		sb_adds(&f.cur, home ? home : "/");
		f.have = 1;
		i = 1;
	}
	while (raw[i]) {
		char c = raw[i++];
		if (c == '\\') {
			if (raw[i] == '\n') {
				i++;
			} else if (raw[i]) {
				sb_addc(&f.cur, raw[i++]);
				f.have = 1;
			} else {
				sb_addc(&f.cur, '\\');
				f.have = 1;
			}
		} else if (c == '\'') {
			while (raw[i] && raw[i] != '\'')
				sb_addc(&f.cur, raw[i++]);
			if (raw[i])
				i++;
			f.have = 1;
		} else if (c == '"') {
			expand_dquoted(raw, &i, &f);
		} else if (c == '$') {
			expand_dollar(raw, &i, &f, 0);
		} else {
			sb_addc(&f.cur, c);
			f.have = 1;
		}
	}
	if (f.have || f.cur.len || !split)
		field_end(&f);
	sb_free(&f.cur);
}

/* Expand RAW into one string (no splitting); the caller frees it. */
char *expand_one(const char *raw)
{
	struct strvec v = { 0 };
	expand_word(raw, 0, &v);
	char *s = v.v[0];
	free(v.v);
	return s;
}
