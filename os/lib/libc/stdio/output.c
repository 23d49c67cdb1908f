/* Writing streams: fputc, putc, putchar, fwrite, fputs, puts. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "file.h"

/* fputc: write the byte (unsigned char) C to F. A line-buffered stream is
 * flushed at a newline, an unbuffered one at once. Returns the byte, or
 * EOF on error. */
int fputc(int c, FILE *f)
{
	if (f->wlen == 0 && __stdio_to_write(f) == EOF)
		return EOF;
	f->buf[f->wlen++] = (char) c;
	if (f->wlen == f->size || (f->mode == _IOLBF && c == '\n'))
		if (__stdio_flush_out(f) == EOF)
			return EOF;
	return (unsigned char) c;
}

/* putc: fputc. */
int putc(int c, FILE *f)
{
	return fputc(c, f);
}

/* putchar: fputc(C, stdout). */
int putchar(int c)
{
	return fputc(c, stdout);
}

/* buffer: copy LEN bytes of P into F's buffer, writing it out each time it
 * fills. Returns 0, or EOF on error. */
static int buffer(FILE *f, const char *p, size_t len)
{
	while (len > 0) {
		size_t k = f->size - f->wlen;
		if (k > len)
			k = len;
		memcpy(f->buf + f->wlen, p, k);
		f->wlen += k;
		p += k;
		len -= k;
		if (f->wlen == f->size && __stdio_flush_out(f) == EOF)
			return EOF;
	}
	return 0;
}

/* fwrite: write N items of SIZE bytes from BUF to F: at once when F is
 * unbuffered; through the last newline (the rest stays buffered) when it
 * is line buffered; when the buffer fills otherwise. Returns N, or 0 on
 * error. */
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
	if (size == 0 || n == 0)
		return 0;
	if (n > SIZE_MAX / size) {
		errno = EINVAL;
		f->flags |= F_ERR;
		return 0;
	}
	if (f->wlen == 0 && __stdio_to_write(f) == EOF)
		return 0;
	const char *p = buf;
	size_t len = size * n;
	if (f->mode == _IONBF || (f->wlen == 0 && len >= f->size)) {
		/* Nothing to join it with: hand it over in one piece. */
		long r = __stdio_sink(f->fd, p, len);
		if (r < 0) {
			errno = (int) -r;
			f->flags |= F_ERR;
			return 0;
		}
		return n;
	}
	if (f->mode == _IOLBF) {
		const char *nl = memrchr(p, '\n', len);
		if (nl) {
			size_t head = (size_t) (nl - p) + 1;
			if (buffer(f, p, head) == EOF || __stdio_flush_out(f) == EOF)
				return 0;
			p += head;
			len -= head;
		}
	}
	return buffer(f, p, len) == EOF ? 0 : n;
}

/* fputs: write the string S (without its NUL) to F. Returns 0, or EOF on
 * error. */
int fputs(const char *s, FILE *f)
{
	size_t len = strlen(s);
	return len == 0 || fwrite(s, len, 1, f) == 1 ? 0 : EOF;
}

/* puts: write S and a newline to stdout. Returns 0, or EOF on error. */
int puts(const char *s)
{
	return fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
}
