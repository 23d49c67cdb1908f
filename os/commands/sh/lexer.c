/* sh: the lexer. Cuts input text into words and operators. Words keep their
 * quotes and dollars: the expander (expand.c) reads them when the command
 * runs, so `false; echo $?` sees the status of `false`. */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct op_spelling {
	const char *text;
	enum tok_kind kind;
};

/* Longer operators first: the longest spelling wins. */
static const struct op_spelling operators[] = {
	{ "<<-", TOK_DLESSDASH }, { "<<", TOK_DLESS },
	{ "&&", TOK_AND }, { "||", TOK_OR }, { ">>", TOK_DGREAT },
	{ ";;", TOK_DSEMI },
	{ "<&", TOK_LESSAND }, { ">&", TOK_GREATAND },
	{ ";", TOK_SEMI }, { "&", TOK_AMP }, { "|", TOK_PIPE },
	{ "<", TOK_LESS }, { ">", TOK_GREAT }, { "(", TOK_LPAREN },
	{ ")", TOK_RPAREN }, { "\n", TOK_NEWLINE },
};

/* Whether C ends an unquoted word. */
static int ends_word(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == ';' ||
	    c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

/* Append a token of KIND with a copy of N bytes of TEXT to L. */
static void push(struct toklist *l, enum tok_kind kind, const char *text,
    size_t n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->t = sh_realloc(l->t, l->cap * sizeof(*l->t));
	}
	l->t[l->n].kind = kind;
	l->t[l->n].text = sh_strndup(text, n);
	l->t[l->n].body = NULL;
	l->n++;
}

/* The length of the word starting at P, or -1 when it holds an unclosed
 * quote, $(, ${ or backquote, or ends with a backslash-newline (more input
 * needed). A $(...), ${...} or `...` is part of the word, blanks and
 * all. */
static long word_length(const char *p)
{
	const char *s = p;
	while (!ends_word(*s)) {
		const char *close = NULL;
		if (*s == '\\') {
			if (s[1] == '\0')
				return s + 1 - p;      /* a lone final backslash */
			if (s[1] == '\n' && s[2] == '\0')
				return -1;
			s += 2;
			continue;
		}
		if (*s == '\'')
			close = strchr(s + 1, '\'');
		else if (*s == '"')
			close = subst_dquote_end(s + 1);
		else if (*s == '`')
			close = subst_bquote_end(s + 1);
		else if (s[0] == '$' && s[1] == '(')
			close = subst_paren_end(s + 2);
		else if (s[0] == '$' && s[1] == '{')
			close = subst_brace_end(s + 2);
		else
			close = s;
		if (!close)
			return -1;
		s = close + 1;
	}
	return s - p;
}

/* Whether the N bytes at P are all digits (an IO_NUMBER candidate). */
static int all_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return n > 0;
}

/* Here-documents whose lines are still to come: their delimiter tokens. */
struct pending_docs {
	int tok[16];
	int strip[16];          /* <<-: leading tabs removed */
	int n;
	int want;               /* the next word is a delimiter: 1 <<, 2 <<- */
};

/* The delimiter that ends a here-document: WORD with its quotes and
 * backslashes removed. */
static char *delimiter_of(const char *word)
{
	struct strbuf b = { 0 };
	for (const char *s = word; *s; s++) {
		if (*s == '\\' && s[1])
			sb_addc(&b, *++s);
		else if (*s != '\'' && *s != '"')
			sb_addc(&b, *s);
	}
	return sb_take(&b);
}

/* Read the lines of the pending here-documents from *P (just after the
 * newline that ended their command) into their tokens of L, moving *P
 * past each delimiter line. Returns -1 when the text ends first. */
static int read_docs(struct toklist *l, struct pending_docs *d,
    const char **p)
{
	for (int i = 0; i < d->n; i++) {
		char *delim = delimiter_of(l->t[d->tok[i]].text);
		struct strbuf body = { 0 };
		const char *s = *p;
		for (;;) {
			if (*s == '\0') {
				free(delim);
				sb_free(&body);
				return -1;
			}
			const char *nl = strchr(s, '\n');
			const char *end = nl ? nl : s + strlen(s);
			const char *start = s;
			if (d->strip[i])
				while (*start == '\t')
					start++;
			s = nl ? nl + 1 : end;
			if ((size_t) (end - start) == strlen(delim) &&
			    strncmp(start, delim, (size_t) (end - start)) == 0)
				break;
			sb_addn(&body, start, (size_t) (s - start));
		}
		free(delim);
		l->t[d->tok[i]].body = sb_take(&body);
		*p = s;
	}
	d->n = 0;
	return 0;
}

/* Cut TEXT into tokens, appended to OUT and closed by TOK_END. The lines
 * of a here-document (after the newline ending the command with its << or
 * <<- WORD, up to the line WORD) go into the body of WORD's token. Returns
 * LEX_OK, or LEX_INCOMPLETE when TEXT stops inside a quote, right after a
 * backslash-newline or before the end of a here-document (OUT then holds
 * no TOK_END and should be freed). */
int lex(const char *text, struct toklist *out)
{
	const char *p = text;
	struct pending_docs docs = { .n = 0 };
	for (;;) {
		while (*p == ' ' || *p == '\t' || (p[0] == '\\' && p[1] == '\n')) {
			if (*p == '\\') {
				if (p[2] == '\0')
					return LEX_INCOMPLETE;
				p++;
			}
			p++;
		}
		if (*p == '#')
			while (*p && *p != '\n')
				p++;
		if (*p == '\0')
			break;
		size_t i;
		for (i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
			size_t n = strlen(operators[i].text);
			if (strncmp(p, operators[i].text, n) == 0) {
				push(out, operators[i].kind, p, n);
				p += n;
				docs.want = operators[i].kind == TOK_DLESS ? 1 :
				    operators[i].kind == TOK_DLESSDASH ? 2 : 0;
				if (operators[i].kind == TOK_NEWLINE && docs.n &&
				    read_docs(out, &docs, &p) < 0)
					return LEX_INCOMPLETE;
				break;
			}
		}
		if (i < sizeof(operators) / sizeof(operators[0]))
			continue;
		long n = word_length(p);
		if (n < 0)
			return LEX_INCOMPLETE;
		int io = (p[n] == '<' || p[n] == '>') && all_digits(p, (size_t) n);
		push(out, io ? TOK_IO_NUMBER : TOK_WORD, p, (size_t) n);
		if (docs.want && !io && docs.n < 16) {
			docs.tok[docs.n] = out->n - 1;
			docs.strip[docs.n++] = docs.want == 2;
		}
		docs.want = 0;
		p += n;
	}
	if (docs.n)
		return LEX_INCOMPLETE;      /* here-documents yet to come */
	push(out, TOK_END, "", 0);
	return LEX_OK;
}

/* Free the tokens of L; L is empty afterwards. */
void toklist_free(struct toklist *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->t[i].text);
		free(l->t[i].body);
	}
	free(l->t);
	l->t = NULL;
	l->n = l->cap = 0;
}
