/* The standard streams, the list of open streams, and the buffer
 * management every stdio call shares (see file.h). */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "file.h"

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static FILE std_streams[3] = {
	{ .fd = 0, .flags = F_READ, .buf = stdin_buf, .size = BUFSIZ,
	  .ungot = EOF, .next = &std_streams[1] },
	{ .fd = 1, .flags = F_WRITE, .buf = stdout_buf, .size = BUFSIZ,
	  .ungot = EOF, .next = &std_streams[2] },
	{ .fd = 2, .flags = F_WRITE | F_MODESET, .mode = _IONBF,
	  .ungot = EOF },
};

FILE *stdin = &std_streams[0];
FILE *stdout = &std_streams[1];
FILE *stderr = &std_streams[2];
FILE *__stdio_streams = &std_streams[0];

/* __stdio_link: see file.h. */
void __stdio_link(FILE *f)
{
	f->next = __stdio_streams;
	__stdio_streams = f;
}

/* __stdio_unlink: see file.h. */
void __stdio_unlink(FILE *f)
{
	for (FILE **p = &__stdio_streams; *p; p = &(*p)->next) {
		if (*p == f) {
			*p = f->next;
			return;
		}
	}
}

/* __stdio_setup: see file.h. A buffer that cannot be allocated makes the
 * stream unbuffered. */
int __stdio_setup(FILE *f)
{
	if (f->flags & F_SETUP)
		return 0;
	f->flags |= F_SETUP;
	if (!(f->flags & F_MODESET))
		f->mode = __stdio_console(f->fd) ? _IOLBF : _IOFBF;
	if (f->mode != _IONBF && !f->buf) {
		f->size = BUFSIZ;
		f->buf = malloc(f->size);
		if (f->buf)
			f->flags |= F_OWNBUF;
		else
			f->mode = _IONBF;
	}
	if (f->mode == _IONBF) {
		if (f->flags & F_OWNBUF)
			free(f->buf);
		f->flags &= ~F_OWNBUF;
		f->buf = &f->one;
		f->size = 1;
	}
	return 0;
}

/* __stdio_flush_out: see file.h. The pending bytes are dropped even when
 * writing them fails. */
int __stdio_flush_out(FILE *f)
{
	if (f->wlen == 0)
		return 0;
	long r = __stdio_sink(f->fd, f->buf, f->wlen);
	f->wlen = 0;
	if (r < 0) {
		errno = (int) -r;
		f->flags |= F_ERR;
		return EOF;
	}
	return 0;
}

/* __stdio_to_write: see file.h. */
int __stdio_to_write(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		errno = EBADF;
		f->flags |= F_ERR;
		return EOF;
	}
	__stdio_setup(f);
	size_t ahead = f->rlen - f->rpos + (f->ungot != EOF);
	if (ahead)
		lseek(f->fd, -(off_t) ahead, SEEK_CUR);
	f->rpos = f->rlen = 0;
	f->ungot = EOF;
	return 0;
}

/* __stdio_refill: see file.h. */
long __stdio_refill(FILE *f)
{
	if (!(f->flags & F_READ)) {
		errno = EBADF;
		f->flags |= F_ERR;
		return -1;
	}
	__stdio_setup(f);
	if (__stdio_flush_out(f) == EOF)
		return -1;
	if (stdout->mode == _IOLBF && stdout->wlen)
		__stdio_flush_out(stdout);
	ssize_t n = read(f->fd, f->buf, f->size);
	f->rpos = 0;
	f->rlen = n > 0 ? (size_t) n : 0;
	if (n == 0)
		f->flags |= F_EOF;
	else if (n < 0)
		f->flags |= F_ERR;
	return n;
}
