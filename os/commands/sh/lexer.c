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

/* Two-character operators first: the longest spelling wins. */
static const struct op_spelling operators[] = {
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

/* Cut TEXT into tokens, appended to OUT and closed by TOK_END. Returns
 * LEX_OK, or LEX_INCOMPLETE when TEXT stops inside a quote or right after a
 * backslash-newline (OUT then holds no TOK_END and should be freed). */
int lex(const char *text, struct toklist *out)
{
	const char *p = text;
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
		p += n;
	}
	push(out, TOK_END, "", 0);
	return LEX_OK;
}

/* Free the tokens of L; L is empty afterwards. */
void toklist_free(struct toklist *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->t[i].text);
	free(l->t);
	l->t = NULL;
	l->n = l->cap = 0;
}
