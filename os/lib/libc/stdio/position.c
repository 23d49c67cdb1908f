/* Stream position and state: fseek, ftell, rewind, feof, ferror,
 * clearerr, fileno, setvbuf, setbuf. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "file.h"

/* fseek: move F to OFFSET from WHENCE (SEEK_SET, SEEK_CUR, SEEK_END),
 * after writing its pending output and dropping its read-ahead; clears the
 * end-of-file flag. Returns 0, or -1 with errno (ESPIPE for a pipe or
 * terminal). */
int fseek(FILE *f, long offset, int whence)
{
	if (f->wlen && __stdio_flush_out(f) == EOF)
		return -1;
	if (whence == SEEK_CUR)
		offset -= (long) (f->rlen - f->rpos + (f->ungot != EOF));
	if (lseek(f->fd, (off_t) offset, whence) < 0)
		return -1;
	f->rpos = f->rlen = 0;
	f->ungot = EOF;
	f->flags &= ~F_EOF;
	return 0;
}

/* ftell: F's position: the descriptor's, less the read-ahead, plus the
 * pending output. Returns -1 with errno when the file cannot seek. */
long ftell(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	return (long) pos - (long) (f->rlen - f->rpos + (f->ungot != EOF)) +
	    (long) f->wlen;
}

/* rewind: fseek to the start and clear the error flag. */
void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

/* feof: nonzero when a read on F met the end of the file. */
int feof(FILE *f)
{
	return f->flags & F_EOF;
}

/* ferror: nonzero when an operation on F failed. */
int ferror(FILE *f)
{
	return f->flags & F_ERR;
}

/* clearerr: clear F's end-of-file and error flags. */
void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

/* fileno: F's descriptor (-1 when closed). */
int fileno(FILE *f)
{
	return f->fd;
}

/* setvbuf: set F's buffering: MODE _IOFBF, _IOLBF or _IONBF, in BUF of
 * SIZE bytes (BUF NULL: stdio allocates SIZE, or BUFSIZ when SIZE is 0).
 * Pending output is written first. Returns 0, or -1 with errno EINVAL for
 * a bad MODE. */
int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	fflush(f);
	if (f->flags & F_OWNBUF)
		free(f->buf);
	f->flags = (f->flags & ~(F_OWNBUF | F_SETUP)) | F_MODESET;
	f->mode = mode;
	f->rpos = f->rlen = 0;
	f->buf = mode == _IONBF ? NULL : buf;
	f->size = buf && size ? size : BUFSIZ;
	return 0;
}

/* setbuf: setvbuf(F, BUF, BUF ? _IOFBF : _IONBF, BUFSIZ). */
void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}
