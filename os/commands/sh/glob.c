/* sh: pathname patterns. `*` matches any run of characters, `?` any one,
 * `[...]` one of a set (`a-z` ranges, `!` or `^` first negates, `]` first
 * is literal, `[:alpha:]`-style classes); a backslash makes the next
 * character literal (the expander escapes quoted characters that way).
 * A pattern is matched one path component at a time, never across `/`;
 * names starting with `.` match only when the pattern's component starts
 * with a literal `.`, and `.` and `..` are never produced. */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sh.h"

struct char_class {
	const char *name;
	int (*test)(int c);
};

static const struct char_class classes[] = {
	{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
	{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
	{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
	{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

/* If P starts a "[:NAME:]" class, whether C belongs to it, with *LEN set to
 * the class's length; -1 when P is no known class. */
static int class_match(const char *p, unsigned char c, size_t *len)
{
	if (p[0] != '[' || p[1] != ':')
		return -1;
	const char *end = strstr(p + 2, ":]");
	if (!end)
		return -1;
	size_t n = (size_t) (end - (p + 2));
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strlen(classes[i].name) == n &&
		    strncmp(classes[i].name, p + 2, n) == 0) {
			*len = n + 4;
			return classes[i].test(c) != 0;
		}
	}
	return -1;
}

/* Match the bracket expression at P (on its '[') against C. Returns 1 or 0
 * with *LEN the expression's length, or -1 when it has no closing ']' (the
 * '[' is then an ordinary character). */
static int bracket(const char *p, unsigned char c, size_t *len)
{
	size_t i = 1;
	int negate = 0, found = 0;
	if (p[i] == '!' || p[i] == '^') {
		negate = 1;
		i++;
	}
	size_t first = i;
	for (;;) {
		if (p[i] == '\0')
			return -1;
		if (p[i] == ']' && i > first)
			break;
		size_t clen;
		int in = class_match(p + i, c, &clen);
		if (in >= 0) {
			found |= in;
			i += clen;
			continue;
		}
		unsigned char lo = (unsigned char) p[i];
		if (lo == '\\' && p[i + 1])
			lo = (unsigned char) p[++i];
		i++;
		unsigned char hi = lo;
		if (p[i] == '-' && p[i + 1] && p[i + 1] != ']') {
			hi = (unsigned char) p[i + 1];
			i += 2;
			if (hi == '\\' && p[i]) {
				hi = (unsigned char) p[i];
				i++;
			}
		}
		if (c >= lo && c <= hi)
			found = 1;
	}
	*len = i + 1;
	return found != negate;
}

/* Whether the pattern PAT has a glob character that is not escaped (a '['
 * counts only when its expression closes). */
int glob_has_meta(const char *pat)
{
	for (const char *p = pat; *p; p++) {
		size_t len;
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '*' || *p == '?')
			return 1;
		else if (*p == '[' && bracket(p, 0, &len) >= 0)
			return 1;
	}
	return 0;
}

/* Whether the whole of NAME matches the pattern PAT. */
int glob_match(const char *pat, const char *name)
{
	const char *p = pat, *s = name;
	while (*p) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (!*p)
				return 1;
			for (;; s++) {
				if (glob_match(p, s))
					return 1;
				if (!*s)
					return 0;
			}
		}
		if (!*s)
			return 0;
		if (*p == '?') {
			p++;
			s++;
			continue;
		}
		if (*p == '[') {
			size_t len;
			int in = bracket(p, (unsigned char) *s, &len);
			if (in >= 0) {
				if (!in)
					return 0;
				p += len;
				s++;
				continue;
			}
		}
		if (*p == '\\' && p[1])
			p++;
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *s == '\0';
}

/* Compare two strings for qsort (byte order, as the C locale sorts). */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Append the N bytes of the pattern component COMP to PATH with its
 * backslashes removed. */
static void add_literal(struct strbuf *path, const char *comp, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (comp[i] == '\\' && i + 1 < n)
			i++;
		sb_addc(path, comp[i]);
	}
}

/* Whether PATH names something (a directory, when it ends with '/'). */
static int exists(const char *path)
{
	struct stat st;
	size_t n = strlen(path);
	if (n > 1 && path[n - 1] == '/')
		return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	return lstat(path, &st) == 0;
}

/* Expand the pattern REST below the directory PATH (already matched: ""
 * for the working directory, or ending with '/'), appending what exists to
 * OUT. KNOWN: PATH is known to exist. */
static void walk(struct strbuf *path, const char *rest, int known,
    struct strvec *out)
{
	if (*rest == '\0') {
		if (path->len && (known || exists(path->s)))
			sv_push(out, sh_strdup(path->s));
		return;
	}
	const char *slash = strchr(rest, '/');
	size_t n = slash ? (size_t) (slash - rest) : strlen(rest);
	size_t base = path->len;
	char *comp = sh_strndup(rest, n);
	const char *next = slash ? slash + 1 : rest + n;

	if (!glob_has_meta(comp)) {
		add_literal(path, comp, n);
		if (slash)
			sb_addc(path, '/');
		walk(path, next, 0, out);
	} else {
		DIR *d = opendir(path->len ? path->s : ".");
		struct dirent *e;
		int dot = comp[0] == '.' || (comp[0] == '\\' && comp[1] == '.');
		while (d && (e = readdir(d)) != NULL) {
			const char *name = e->d_name;
			if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
			    (name[0] == '.' && !dot) || !glob_match(comp, name))
				continue;
			sb_adds(path, name);
			if (slash)
				sb_addc(path, '/');
			walk(path, next, !slash, out);
			path->len = base;
			path->s[base] = '\0';
		}
		if (d)
			closedir(d);
	}
	path->len = base;
	if (path->s)
		path->s[base] = '\0';
	free(comp);
}

/* Append to OUT, sorted, the existing paths the pattern PAT matches; returns
 * how many (0 when none or when PAT has no glob character: the caller then
 * keeps the word as it is). */
int glob_expand(const char *pat, struct strvec *out)
{
	if (!glob_has_meta(pat))
		return 0;
	struct strvec found = { 0 };
	struct strbuf path = { 0 };
	if (pat[0] == '/') {
		sb_addc(&path, '/');
		pat++;
	}
	walk(&path, pat, 0, &found);
	sb_free(&path);
	if (found.n > 1)
		qsort(found.v, (size_t) found.n, sizeof(char *), by_name);
	for (int i = 0; i < found.n; i++)
		sv_push(out, found.v[i]);
	int n = found.n;
	free(found.v);
	return n;
}
