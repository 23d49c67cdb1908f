/* The manifest lexer: words, '{', '}' and ';', skipping blanks and
 * '#' comments, counting lines for error messages. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "manifest_priv.h"

/* Whether C is white space. */
static int mf_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

/* Whether C ends a word. */
static int mf_is_break(char c)
{
	return mf_is_space(c) || c == '#' || c == '{' || c == '}' || c == ';' ||
	    c == '\0';
}

/* Formats "FILE:LINE: message" (LINE of the current token) into the
 * lexer's error buffer. Always returns -EINVAL, so callers can
 * `return mf_error(...)`. */
int mf_error(struct mf_lexer *lx, const char *fmt, ...)
{
	if (lx->err == NULL || lx->err_size == 0)
		return -EINVAL;
	int n = snprintf(lx->err, lx->err_size, "%s:%d: ", lx->file,
	    lx->tok_line);
	if (n >= 0 && (size_t) n < lx->err_size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(lx->err + n, lx->err_size - (size_t) n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* Describes the current token for a message: the word, "'{'", ...,
 * or "end of file". */
const char *mf_tok_text(const struct mf_lexer *lx)
{
	switch (lx->tok) {
	case MF_WORD:   return lx->word;
	case MF_LBRACE: return "'{'";
	case MF_RBRACE: return "'}'";
	case MF_SEMI:   return "';'";
	default:        return "end of file";
	}
}

/* Reads the next token into lx->tok (and lx->word). Returns 0, or -EINVAL
 * (message set) for a word longer than MF_WORD_MAX - 1 or a NUL byte. */
int mf_next(struct mf_lexer *lx)
{
	for (;;) {
		while (lx->pos < lx->len && mf_is_space(lx->text[lx->pos])) {
			if (lx->text[lx->pos] == '\n')
				lx->line++;
			lx->pos++;
		}
		if (lx->pos < lx->len && lx->text[lx->pos] == '#') {
			while (lx->pos < lx->len && lx->text[lx->pos] != '\n')
				lx->pos++;
			continue;
		}
		break;
	}
	lx->tok_line = lx->line;
	if (lx->pos >= lx->len) {
		lx->tok = MF_EOF;
		return 0;
	}
	char c = lx->text[lx->pos];
	if (c == '\0') {
		lx->tok = MF_EOF;
		return mf_error(lx, "NUL byte in the manifest");
	}
	if (c == '{' || c == '}' || c == ';') {
		lx->tok = c == '{' ? MF_LBRACE : c == '}' ? MF_RBRACE : MF_SEMI;
		lx->pos++;
		return 0;
	}
	size_t n = 0;
	while (lx->pos < lx->len && !mf_is_break(lx->text[lx->pos])) {
		if (n + 1 >= MF_WORD_MAX) {
			lx->word[n] = '\0';
			lx->tok = MF_WORD;
			return mf_error(lx, "word too long (at most %d characters)",
			    MF_WORD_MAX - 1);
		}
		lx->word[n++] = lx->text[lx->pos++];
	}
	lx->word[n] = '\0';
	lx->tok = MF_WORD;
	return 0;
}
