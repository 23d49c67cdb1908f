/* Internals of the manifest parser: the lexer, shared by parse.c (the
 * file's structure) and keys.c (each key's values). */
#ifndef MANIFEST_PRIV_H
#define MANIFEST_PRIV_H

#include "manifest.h"

#define MF_WORD_MAX 64          /* longest word, NUL included */

/* Token kinds. */
enum mf_tok { MF_EOF, MF_WORD, MF_LBRACE, MF_RBRACE, MF_SEMI };

/* The lexer's state, and the error of the whole parse. */
struct mf_lexer {
	const char *text;
	size_t len;
	size_t pos;                  /* next character to read */
	int line;                    /* line of pos, from 1 */
	const char *file;
	enum mf_tok tok;             /* the current token */
	int tok_line;                /* ... and its line */
	char word[MF_WORD_MAX];      /* ... its text if MF_WORD */
	char *err;
	size_t err_size;
};

/* lexer.c */
int mf_next(struct mf_lexer *lx);
int mf_error(struct mf_lexer *lx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *mf_tok_text(const struct mf_lexer *lx);

/* keys.c */
int mf_parse_key(struct mf_lexer *lx, struct rs_manifest *m,
    uint32_t *seen);

#endif
