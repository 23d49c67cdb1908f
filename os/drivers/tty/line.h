/* The terminal's input line discipline: editing, echo and signal keys on
 * an input buffer. Pure code with no I/O (echo goes through a callback),
 * so that it also compiles and is tested on the host
 * (os/tests/test_tty_host.py). */
#ifndef TTY_LINE_H
#define TTY_LINE_H

#include <abi/types.h>
#include <abi/termios.h>

#define LINE_BUF_SIZE 1024   /* bytes of input held */

/* What a buffered byte is. */
enum line_kind {
	LINE_CHAR,      /* an ordinary byte */
	LINE_NL,        /* a newline ending a line (delivered) */
	LINE_EOF,       /* ^D ending a line (not delivered) */
};

/* line_echo_fn: print the N bytes of S (echo), for CTX. */
typedef void (*line_echo_fn)(void *ctx, const char *s, size_t n);

struct line {
	struct termios tio;
	uint8_t byte[LINE_BUF_SIZE];   /* a ring of entries ... */
	uint8_t kind[LINE_BUF_SIZE];   /* ... and their enum line_kind */
	unsigned head;                 /* index of the oldest entry */
	unsigned count;                /* entries held */
	unsigned cooked;               /* of which readers may have (the
	                                * rest is the line being edited) */
	line_echo_fn echo;
	void *echo_ctx;
};

/* Events line_input and line_set_termios report (a bit mask). */
#define LINE_READY  0x1    /* a read can complete now */
#define LINE_SIGINT 0x2    /* ^C: SIGINT for the foreground group */

/* line_default_termios: the settings of a fresh terminal into *T: ISIG,
 * ICANON and ECHO, ^C, DEL, ^U, ^D. */
void line_default_termios(struct termios *t);

/* line_init: an empty buffer with default settings; echo goes to
 * ECHO(CTX, ...). */
void line_init(struct line *l, line_echo_fn echo, void *ctx);

/* line_input: process one typed byte C. Returns LINE_READY when input
 * became readable, LINE_SIGINT when C was the interrupt key (with ISIG). */
int line_input(struct line *l, uint8_t c);

/* line_readable: whether a read would return at once (data, or an end of
 * file). */
int line_readable(const struct line *l);

/* line_read: take up to SIZE bytes for a reader into BUF. ICANON: at most
 * one line; ^D at the start of a line gives 0 (end of file). Otherwise
 * whatever is there. Returns the bytes taken, 0 for end of file, or
 * -EAGAIN when nothing is readable (SIZE 0 returns 0). */
int line_read(struct line *l, char *buf, size_t size);

/* line_set_termios: new settings T. Leaving ICANON makes the line being
 * edited readable. Returns LINE_READY when input became readable. */
int line_set_termios(struct line *l, const struct termios *t);

#endif
