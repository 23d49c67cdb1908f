/* sh: growable strings and string vectors, and allocation that cannot fail
 * (running out of memory ends the shell with a message). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* Report that memory ran out and end the shell (status 2). */
static void out_of_memory(void)
{
	static const char msg[] = "sh: out of memory\n";
	write(2, msg, sizeof(msg) - 1);
	_exit(2);
}

/* malloc(SIZE) or end the shell. Never returns NULL. */
void *sh_alloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

/* realloc(P, SIZE) or end the shell. Never returns NULL. */
void *sh_realloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

/* A fresh copy of S (free it with free()). */
char *sh_strdup(const char *s)
{
	return sh_strndup(s, strlen(s));
}

/* A fresh NUL-terminated copy of the first N bytes of S. */
char *sh_strndup(const char *s, size_t n)
{
	char *p = sh_alloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Append N bytes of S to B, keeping it NUL-terminated. */
void sb_addn(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 32;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = sh_realloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append the character C to B. */
void sb_addc(struct strbuf *b, char c)
{
	sb_addn(b, &c, 1);
}

/* Append the string S to B. */
void sb_adds(struct strbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

/* Make B empty (its memory is kept). */
void sb_clear(struct strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* Release B's memory; B is empty afterwards. */
void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Hand B's string to the caller (always a string, maybe ""); B is empty
 * afterwards. */
char *sb_take(struct strbuf *b)
{
	char *s = b->s ? b->s : sh_strdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

/* Append S (which V then owns) to V, keeping V NULL-terminated. */
void sv_push(struct strvec *v, char *s)
{
	if (v->n + 2 > v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->v = sh_realloc(v->v, v->cap * sizeof(char *));
	}
	v->v[v->n++] = s;
	v->v[v->n] = NULL;
}

/* Free V's strings and array; V is empty afterwards. */
void sv_free(struct strvec *v)
{
	for (int i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}
