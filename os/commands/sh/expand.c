/* sh: the expander. Turns a raw word into fields when its command runs:
 * quotes are removed, backslashes escape, $NAME ${NAME} $? $$ $! $# $0-$9
 * $@ $* and command substitutions $(...) `...` expand (also inside "..."),
 * a leading ~ is $HOME, unquoted expansions split into fields at blanks,
 * and a field with an unquoted * ? or [...] becomes the sorted names it
 * matches (glob.c), or stays as it is when none does. Each character
 * remembers whether it was quoted: a quoted * never globs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "sh.h"

/* A word being cut into fields. */
struct fields {
	struct strvec *out;
	struct strbuf cur;      /* the field's text */
	struct strbuf pat;      /* the same as a pattern: quoted * ? [ ] \ escaped */
	int have;               /* the current field exists, even if empty */
	int split;              /* split unquoted expansions at blanks, glob */
	int glob;               /* the field holds an unquoted * ? or [ */
	int no_args;            /* "$@" with no parameters: no field if empty */
	int pattern;            /* build the pattern only (case), one field */
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

/* End the current field and hand it to the output: the names its pattern
 * matches when it has an unquoted glob character and matches something,
 * the field itself otherwise. */
static void field_end(struct fields *f)
{
	if (f->pattern)
		sv_push(f->out, sb_take(&f->pat));
	else if (f->glob && glob_expand(f->pat.s, f->out) > 0)
		sb_free(&f->cur);
	else
		sv_push(f->out, sb_take(&f->cur));
	sb_clear(&f->pat);
	f->have = 0;
	f->glob = 0;
}

/* Add the character C to the current field; QUOTED: it came from quotes or
 * a backslash, so it is never a glob character. */
static void add_char(struct fields *f, char c, int quoted)
{
	sb_addc(&f->cur, c);
	f->have = 1;
	if (!f->split && !f->pattern)
		return;
	if (quoted && strchr("*?[]\\", c))
		sb_addc(&f->pat, '\\');
	else if (!quoted && strchr("*?[", c))
		f->glob = 1;
	sb_addc(&f->pat, c);
}

/* Add text that came from an expansion: split at blanks when unquoted. */
static void add_expanded(struct fields *f, const char *s, int quoted)
{
	if (quoted || !f->split) {
		for (; *s; s++)
			add_char(f, *s, quoted);
		f->have = 1;
		return;
	}
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			if (f->have || f->cur.len)
				field_end(f);
		} else {
			add_char(f, *s, 0);
		}
	}
}

/* Run the command substitution whose text is the N bytes at TEXT (for
 * backquotes: with \$ \` \\ and, inside "...", \" unescaped) and add its
 * output like any expansion. */
static void add_subst(struct fields *f, const char *text, size_t n,
    int backquoted, int quoted)
{
	struct strbuf cmd = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (backquoted && text[i] == '\\' && i + 1 < n &&
		    (strchr("$`\\", text[i + 1]) || (quoted && text[i + 1] == '"')))
			i++;
		sb_addc(&cmd, text[i]);
	}
	char *out = subst_run(cmd.s ? cmd.s : "");
	add_expanded(f, out, quoted);
	free(out);
	sb_free(&cmd);
}

/* Expand the substitution starting at RAW[*I] (on the '(' of "$(" or just
 * after a backquote) and move *I past it. An unclosed one is taken as the
 * rest of the word (the lexer only lets that through at the end of the
 * input). */
static void expand_subst(const char *raw, size_t *i, struct fields *f,
    int quoted, int backquoted)
{
	const char *start = raw + *i + (backquoted ? 0 : 1);
	const char *end = backquoted ? subst_bquote_end(start) :
	    subst_paren_end(start);
	if (!end)
		end = start + strlen(start);
	add_subst(f, start, (size_t) (end - start), backquoted, quoted);
	*i = (size_t) (end - raw) + (*end ? 1 : 0);
}

static int failed;          /* an expansion failed since expand_failed() */

/* Whether an expansion failed (a bad $((...)), reported) since the last
 * call; the command whose words they were must not run (status 2). */
int expand_failed(void)
{
	int was = failed;
	failed = 0;
	return was;
}

/* Expand the arithmetic $((...)) whose inner text is the N bytes at TEXT:
 * parameters and substitutions first, then the expression (arith.c). */
static void expand_arith(const char *text, size_t n, struct fields *f,
    int quoted)
{
	char *inner = sh_strndup(text, n);
	char *expr = expand_one(inner);
	char num[24];
	long v = 0;
	if (arith_eval(expr, &v) < 0)
		failed = 1;
	snprintf(num, sizeof(num), "%ld", v);
	add_expanded(f, num, quoted);
	free(expr);
	free(inner);
}

static void expand_dollar(const char *raw, size_t *i, struct fields *f,
    int quoted);
static void expand_dquoted(const char *raw, size_t *i, struct fields *f);
static void expand_into(const char *raw, struct fields *f);

/* Report a bad ${...} (the command does not run). */
static void bad_substitution(const char *start, size_t n)
{
	fprintf(stderr, "sh: %.*s: bad substitution\n", (int) n, start);
	failed = 1;
}

/* Expand WORD, the word of a ${NAME-WORD} form, into F as if it stood
 * where the ${...} is: inside "..." without splitting, else as a word. */
static void expand_inner_word(const char *word, struct fields *f, int quoted)
{
	if (quoted) {
		size_t j = 0;
		expand_dquoted(word, &j, f);
	} else {
		expand_into(word, f);
	}
}

/* VALUE without its shortest (LONGEST: longest) prefix (SUFFIX: suffix)
 * that the pattern PAT matches; all of VALUE when none does. The caller
 * frees the result. */
static char *trim(const char *value, const char *pat, int suffix,
    int longest)
{
	size_t n = strlen(value);
	char *buf = sh_strdup(value);
	for (size_t k = 0; k <= n; k++) {
		size_t len = longest ? n - k : k;   /* length of the part cut */
		int match;
		if (suffix) {
			match = glob_match(pat, value + n - len);
		} else {
			buf[len] = '\0';
			match = glob_match(pat, buf);
			memcpy(buf, value, n + 1);
		}
		if (match) {
			free(buf);
			return suffix ? sh_strndup(value, n - len) :
			    sh_strdup(value + len);
		}
	}
	free(buf);
	return sh_strdup(value);
}

/* Expand the ${...} at RAW[*I] (on its '{') and move *I past it:
 * ${NAME}, ${#NAME} (the length), ${NAME%PATTERN} and ${NAME#PATTERN}
 * (without the shortest matching suffix, prefix; %% and ## the longest),
 * and ${NAME OP WORD} with OP one of
 * `-` (WORD if NAME is unset), `=` (also assign it), `+` (WORD if NAME is
 * set), `?` (an error with WORD as the message if NAME is unset: a script
 * ends with status 2); with a `:` before OP, empty counts as unset. */
static void expand_braced(const char *raw, size_t *i, struct fields *f,
    int quoted)
{
	const char *open = raw + *i - 1;            /* the '$' */
	const char *close = subst_brace_end(raw + *i + 1);
	if (!close) {
		add_expanded(f, "$", 1);
		return;
	}
	size_t whole = (size_t) (close - open) + 1;
	*i = (size_t) (close - raw) + 1;
	const char *p = raw + (open - raw) + 2;
	int length = 0;
	if (*p == '#' && p + 1 < close) {
		length = 1;
		p++;
	}
	const char *ns = p;
	if (name_start(*p)) {
		while (p < close && name_char(*p))
			p++;
	} else if (p < close && strchr("?$!#@*0123456789", *p)) {
		p++;
	}
	if (p == ns || (length && p != close)) {
		bad_substitution(open, whole);
		return;
	}
	char *name = sh_strndup(ns, (size_t) (p - ns));
	int set = 1;
	char *value;
	if (name_start(name[0])) {
		const char *v = getenv(name);
		set = v != NULL;
		value = sh_strdup(v ? v : "");
	} else {
		char spec[3] = { '$', name[0], '\0' };
		if (name[0] >= '0' && name[0] <= '9')
			set = name[0] - '0' < shell.argc;
		value = expand_one(spec);
	}
	if (length) {
		char num[24];
		snprintf(num, sizeof(num), "%lu", (unsigned long) strlen(value));
		add_expanded(f, num, quoted);
	} else if (p == close) {
		add_expanded(f, value, quoted);
	} else if (*p == '%' || *p == '#') {
		int suffix = *p == '%', longest = p[1] == p[0];
		p += 1 + longest;
		char *word = sh_strndup(p, (size_t) (close - p));
		char *pat = expand_pattern(word);
		char *cut = trim(value, pat, suffix, longest);
		add_expanded(f, cut, quoted);
		free(cut);
		free(pat);
		free(word);
	} else {
		int colon = *p == ':';
		p += colon;
		char op = *p++;
		int unset = !set || (colon && value[0] == '\0');
		char *word = sh_strndup(p, (size_t) (close - p));
		if (!strchr("-=+?", op) || p > close) {
			bad_substitution(open, whole);
		} else if (op == '+') {
			if (!unset)
				expand_inner_word(word, f, quoted);
		} else if (!unset) {
			add_expanded(f, value, quoted);
		} else if (op == '-') {
			expand_inner_word(word, f, quoted);
		} else if (op == '=') {
			char *w = expand_one(word);
			if (name_start(name[0])) {
				setenv(name, w, 1);
				add_expanded(f, w, quoted);
			} else {
				bad_substitution(open, whole);
			}
			free(w);
		} else {
			char *w = expand_one(word);
			fprintf(stderr, "sh: %s: %s\n", name,
			    w[0] ? w : "parameter not set");
			free(w);
			failed = 1;
			if (!shell.interactive) {
				fflush(stdout);
				exit(2);
			}
		}
		free(word);
	}
	free(value);
	free(name);
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

	if (c == '(' && raw[*i + 1] == '(') {
		/* $((EXPR)): arithmetic when the inner parenthesis closes right
		 * before the outer one ($((a); (b)) is a substitution). */
		const char *outer = subst_paren_end(raw + *i + 1);
		const char *inner = subst_paren_end(raw + *i + 2);
		if (outer && inner && inner + 1 == outer) {
			expand_arith(raw + *i + 2, (size_t) (inner - (raw + *i + 2)),
			    f, quoted);
			*i = (size_t) (outer - raw) + 1;
			return;
		}
	}
	if (c == '(') {
		expand_subst(raw, i, f, quoted, 0);
		return;
	}
	if (c == '{') {
		expand_braced(raw, i, f, quoted);
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
	} else if (c == '@' && quoted && f->split) {
		/* "$@": each parameter is a field of its own. */
		for (int n = 1; n < shell.argc; n++) {
			if (n > 1)
				field_end(f);
			add_expanded(f, shell.argv[n], 1);
		}
		f->no_args |= shell.argc <= 1;
		(*i)++;
		return;
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
				add_char(f, c, 1);
		} else if (c == '$') {
			expand_dollar(raw, i, f, 1);
		} else if (c == '`') {
			expand_subst(raw, i, f, 1, 1);
		} else {
			add_char(f, c, 1);
		}
	}
	if (raw[*i] == '"')
		(*i)++;
}

/* Expand the whole raw word RAW into F: a leading ~, quotes, backslashes,
 * $ constructs and backquotes. */
static void expand_into(const char *raw, struct fields *f)
{
	size_t i = 0;
	if (raw[0] == '~' && (raw[1] == '\0' || raw[1] == '/')) {
		const char *home = getenv("HOME");
		add_expanded(f, home ? home : "/", 1);
		i = 1;
	}
	while (raw[i]) {
		char c = raw[i++];
		if (c == '\\') {
			if (raw[i] == '\n')
				i++;
			else if (raw[i])
				add_char(f, raw[i++], 1);
			else
				add_char(f, '\\', 1);
		} else if (c == '\'') {
			while (raw[i] && raw[i] != '\'')
				add_char(f, raw[i++], 1);
			if (raw[i])
				i++;
			f->have = 1;
		} else if (c == '"') {
			expand_dquoted(raw, &i, f);
		} else if (c == '$') {
			expand_dollar(raw, &i, f, 0);
		} else if (c == '`') {
			expand_subst(raw, &i, f, 0, 1);
		} else {
			add_char(f, c, 0);
		}
	}
}

/* Expand the raw word RAW into fields appended to OUT. With SPLIT, unquoted
 * expansions split at blanks, fields with unquoted glob characters become
 * the names they match, and a word that expands to nothing unquoted gives
 * no field; without, RAW gives exactly one field (no globbing). */
void expand_word(const char *raw, int split, struct strvec *out)
{
	struct fields f = { .out = out, .split = split };
	expand_into(raw, &f);
	if (f.no_args && !f.cur.len)
		f.have = 0;
	if (f.have || f.cur.len || !split)
		field_end(&f);
	sb_free(&f.cur);
	sb_free(&f.pat);
}

/* Expand the case pattern RAW into one pattern string for glob_match():
 * like expand_one(), but the quoted * ? [ ] \ come out backslashed, so
 * that only unquoted ones match as patterns. The caller frees it. */
char *expand_pattern(const char *raw)
{
	struct strvec v = { 0 };
	struct fields f = { .out = &v, .pattern = 1 };
	expand_into(raw, &f);
	field_end(&f);
	sb_free(&f.cur);
	sb_free(&f.pat);
	char *s = v.v[0];
	free(v.v);
	return s;
}

/* Expand the lines BODY of a here-document whose delimiter was not quoted:
 * $ expansions and backquotes run, a backslash escapes only $ ` \ and a
 * newline; quotes are ordinary characters. The caller frees the result. */
char *expand_heredoc(const char *body)
{
	struct strvec v = { 0 };
	struct fields f = { .out = &v };
	size_t i = 0;
	while (body[i]) {
		char c = body[i++];
		if (c == '\\' && body[i] && strchr("$`\\\n", body[i])) {
			c = body[i++];
			if (c != '\n')
				add_char(&f, c, 1);
		} else if (c == '$') {
			expand_dollar(body, &i, &f, 1);
		} else if (c == '`') {
			expand_subst(body, &i, &f, 1, 1);
		} else {
			add_char(&f, c, 1);
		}
	}
	field_end(&f);
	sb_free(&f.cur);
	sb_free(&f.pat);
	char *s = v.v[0];
	free(v.v);
	return s;
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
