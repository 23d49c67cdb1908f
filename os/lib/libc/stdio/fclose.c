/* Closing and flushing streams: fclose, fflush. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "file.h"

/* fflush: write F's pending output; for a stream being read, give the
 * read-ahead back to the file when it can seek (so the descriptor's
 * position is the stream's). F NULL flushes the output of every stream.
 * Returns 0, or EOF with errno (the stream's error flag set). */
int fflush(FILE *f)
{
	if (!f) {
		int r = 0;
		for (FILE *s = __stdio_streams; s; s = s->next)
			if (s->wlen && __stdio_flush_out(s) == EOF)
				r = EOF;
		return r;
	}
	if (f->wlen)
		return __stdio_flush_out(f);
	size_t ahead = f->rlen - f->rpos + (f->ungot != EOF);
	if (ahead && f->fd >= 0 &&
	    lseek(f->fd, -(off_t) ahead, SEEK_CUR) >= 0) {
		f->rpos = f->rlen = 0;
		f->ungot = EOF;
	}
	return 0;
}

/* fclose: flush F, close its descriptor and free it (the standard streams
 * stay allocated but closed). Returns 0, or EOF with errno when flushing
 * or closing failed (F is gone anyway). */
int fclose(FILE *f)
{
	int r = 0;
	if (f->wlen && __stdio_flush_out(f) == EOF)
		r = EOF;
	if (f->fd >= 0 && close(f->fd) < 0)
		r = EOF;
	__stdio_unlink(f);
	if (f->flags & F_OWNBUF)
		free(f->buf);
	if (f->flags & F_ALLOC) {
		free(f);
	} else {
		f->fd = -1;
		f->flags = 0;
		f->rpos = f->rlen = 0;
		f->ungot = EOF;
	}
	return r;
}
