/* The FILE structure and the helpers the stdio files share (private to
 * libc). A stream has one buffer, used for reading or for writing at any
 * one time: bytes [rpos, rlen) are read ahead and not yet consumed, or
 * wlen bytes wait to be written. */
#ifndef LIBC_STDIO_FILE_H
#define LIBC_STDIO_FILE_H

#include <stdio.h>

#define F_READ    0x01     /* opened for reading */
#define F_WRITE   0x02     /* opened for writing */
#define F_EOF     0x04     /* end of file seen */
#define F_ERR     0x08     /* an error happened */
#define F_SETUP   0x10     /* buffering mode and buffer chosen */
#define F_MODESET 0x20     /* setvbuf chose the mode */
#define F_OWNBUF  0x40     /* buf was malloc'ed by stdio */
#define F_ALLOC   0x80     /* the FILE itself was malloc'ed */

struct __file {
	int fd;                /* -1 once closed */
	int flags;             /* F_* */
	int mode;              /* _IOFBF, _IOLBF or _IONBF */
	char *buf;
	size_t size;           /* bytes in buf */
	size_t rpos, rlen;     /* read-ahead bytes not yet consumed */
	size_t wlen;           /* bytes waiting to be written */
	int ungot;             /* a character pushed back by ungetc, or EOF */
	char one;              /* the buffer of an unbuffered stream */
	struct __file *next;   /* every open stream (__stdio_streams) */
};

/* The list of open streams, the standard three first. */
extern FILE *__stdio_streams;

/* __stdio_setup: choose F's buffering mode (setvbuf's, else: stderr
 * unbuffered, a terminal line buffered, anything else fully buffered) and
 * its buffer. Returns 0. */
int __stdio_setup(FILE *f);

/* __stdio_flush_out: write F's pending output through __stdio_sink.
 * Returns 0, or EOF with F_ERR set and errno. */
int __stdio_flush_out(FILE *f);

/* __stdio_to_write: make F ready for output: readable ahead-bytes are given
 * back (lseek) and dropped. Returns 0, or EOF (not writable: EBADF). */
int __stdio_to_write(FILE *f);

/* __stdio_refill: read the next bufferful of F (its pending output written
 * first, and stdout's when it is line buffered). Returns the bytes read;
 * 0 at end of file (F_EOF set) or -1 on error (F_ERR set). */
long __stdio_refill(FILE *f);

/* __stdio_link and __stdio_unlink: add F to the list of open streams or
 * take it off. */
void __stdio_link(FILE *f);
void __stdio_unlink(FILE *f);

/* __stdio_mode_flags: the open() flags for an fopen MODE ("r", "w+", ...),
 * or -1 (errno EINVAL) when MODE is not one. */
int __stdio_mode_flags(const char *mode);

/* __stdio_console: whether output to FD reaches a terminal or the kernel
 * console (then streams on it are line buffered). stdio/sink.c. */
int __stdio_console(int fd);

#endif
