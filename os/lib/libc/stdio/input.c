/* Reading streams: fgetc, getc, getchar, ungetc, fgets, fread. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "file.h"

/* fgetc: the next byte of F as an unsigned char, or EOF at the end of the
 * file or on error (feof/ferror tell which). */
int fgetc(FILE *f)
{
	if (f->ungot != EOF) {
		int c = f->ungot;
		f->ungot = EOF;
		return c;
	}
	if (f->rpos == f->rlen && __stdio_refill(f) <= 0)
		return EOF;
	return (unsigned char) f->buf[f->rpos++];
}

/* getc: fgetc. */
int getc(FILE *f)
{
	return fgetc(f);
}

/* getchar: fgetc(stdin). */
int getchar(void)
{
	return fgetc(stdin);
}

/* ungetc: push C back onto F so the next read returns it (one character
 * is guaranteed; a second push-back fails). Clears the end-of-file flag.
 * Returns C, or EOF when C is EOF or there is no room. */
int ungetc(int c, FILE *f)
{
	if (c == EOF)
		return EOF;
	if (f->rpos > 0 && f->ungot == EOF) {
		f->buf[--f->rpos] = (char) c;
	} else if (f->ungot == EOF) {
		f->ungot = (unsigned char) c;
	} else {
		return EOF;
	}
	f->flags &= ~F_EOF;
	return (unsigned char) c;
}

/* fgets: read a line of F into BUF of SIZE bytes: up to and including a
 * newline, at most SIZE - 1 bytes, then a NUL. Returns BUF, or NULL when
 * the end of the file or an error came before any byte. */
char *fgets(char *buf, int size, FILE *f)
{
	if (size <= 0)
		return NULL;
	int n = 0;
	while (n < size - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		buf[n++] = (char) c;
		if (c == '\n')
			break;
	}
	if (n == 0 && size > 1)
		return NULL;
	buf[n] = '\0';
	return buf;
}

/* fread: read up to N items of SIZE bytes from F into BUF. Returns the
 * number of whole items read (fewer at the end of the file or on error). */
size_t fread(void *buf, size_t size, size_t n, FILE *f)
{
	if (size == 0 || n == 0)
		return 0;
	if (n > SIZE_MAX / size) {
		errno = EINVAL;
		f->flags |= F_ERR;
		return 0;
	}
	char *p = buf;
	size_t want = size * n, got = 0;
	if (f->ungot != EOF && want > 0) {
		p[got++] = (char) f->ungot;
		f->ungot = EOF;
	}
	while (got < want) {
		size_t ahead = f->rlen - f->rpos;
		if (ahead) {
			size_t k = ahead < want - got ? ahead : want - got;
			memcpy(p + got, f->buf + f->rpos, k);
			f->rpos += k;
			got += k;
			continue;
		}
		__stdio_setup(f);
		if (want - got >= f->size && (f->flags & F_READ)) {
			/* Big reads go straight into the caller's buffer. */
			if (__stdio_flush_out(f) == EOF)
				break;
			ssize_t r = read(f->fd, p + got, want - got);
			if (r <= 0) {
				f->flags |= r == 0 ? F_EOF : F_ERR;
				break;
			}
			got += (size_t) r;
			continue;
		}
		if (__stdio_refill(f) <= 0)
			break;
	}
	return got / size;
}
