/* Formatted output to streams and descriptors: printf, fprintf, vprintf,
 * vfprintf, dprintf, vdprintf. The formatting is os/lib/common/fmt.c's. */
#include <errno.h>
#include "fmt.h"
#include "file.h"

#define CHUNK 256     /* bytes collected before an unbuffered write */

/* A place that collects output for an unbuffered stream or a descriptor,
 * so that it goes out in pieces of CHUNK bytes rather than byte by byte. */
struct chunk {
	int fd;
	size_t len;
	long error;          /* the first error of __stdio_sink, or 0 */
	char buf[CHUNK];
};

static void chunk_flush(struct chunk *c)
{
	if (c->len && !c->error) {
		long r = __stdio_sink(c->fd, c->buf, c->len);
		if (r < 0)
			c->error = r;
	}
	c->len = 0;
}

static void chunk_put(char ch, void *arg)
{
	struct chunk *c = arg;
	if (c->len == CHUNK)
		chunk_flush(c);
	c->buf[c->len++] = ch;
}

/* chunk_format: format FMT with AP to descriptor FD in chunks. Returns the
 * characters produced, or -1 with errno when writing failed. */
static int chunk_format(int fd, const char *fmt, va_list ap)
{
	struct chunk c = { .fd = fd };
	int n = fmt_vformat(chunk_put, &c, fmt, ap);
	chunk_flush(&c);
	if (c.error) {
		errno = (int) -c.error;
		return -1;
	}
	return n;
}

static void stream_put(char ch, void *arg)
{
	fputc(ch, arg);
}

/* vfprintf: format FMT with AP onto F. Returns the number of characters
 * produced, or -1 when writing failed (F's error flag set). */
int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	if (f->wlen == 0 && __stdio_to_write(f) == EOF)
		return -1;
	if (f->mode == _IONBF) {
		int n = chunk_format(f->fd, fmt, ap);
		if (n < 0)
			f->flags |= F_ERR;
		return n;
	}
	int had_error = f->flags & F_ERR;
	f->flags &= ~F_ERR;
	int n = fmt_vformat(stream_put, f, fmt, ap);
	int failed = f->flags & F_ERR;
	f->flags |= had_error;
	return failed ? -1 : n;
}

/* fprintf: vfprintf with variadic arguments. */
int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

/* vprintf: vfprintf onto stdout. */
int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* printf: vfprintf onto stdout with variadic arguments. */
int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

/* vdprintf: format FMT with AP straight to descriptor FD (no stream).
 * Returns the characters produced, or -1 with errno. */
int vdprintf(int fd, const char *fmt, va_list ap)
{
	return chunk_format(fd, fmt, ap);
}

/* dprintf: vdprintf with variadic arguments. */
int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}
