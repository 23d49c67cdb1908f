/* The terminal's input line discipline (see line.h). Canonical mode keeps
 * the line being typed editable; NL or ^D hands it to readers. */
#include "line.h"
#include <abi/errno.h>

#define CTRL(c) ((c) & 0x1f)
#define BS  0x08
#define DEL 0x7f

/* line_default_termios: see line.h. */
void line_default_termios(struct termios *t)
{
	t->c_lflag = ISIG | ICANON | ECHO;
	t->c_cc_intr = CTRL('C');
	t->c_cc_erase = DEL;
	t->c_cc_kill = CTRL('U');
	t->c_cc_eof = CTRL('D');
}

/* line_init: see line.h. */
void line_init(struct line *l, line_echo_fn echo, void *ctx)
{
	line_default_termios(&l->tio);
	l->head = l->count = l->cooked = 0;
	l->echo = echo;
	l->echo_ctx = ctx;
}

/* echo: show the N bytes of S when echo is on. */
static void echo(struct line *l, const char *s, size_t n)
{
	if ((l->tio.c_lflag & ECHO) && l->echo)
		l->echo(l->echo_ctx, s, n);
}

/* slot: the ring index of entry I (0 = the oldest). */
static unsigned slot(const struct line *l, unsigned i)
{
	return (l->head + i) % LINE_BUF_SIZE;
}

/* push: append C of KIND. The caller checked that there is room. */
static void push(struct line *l, uint8_t c, enum line_kind kind)
{
	unsigned s = slot(l, l->count++);
	l->byte[s] = c;
	l->kind[s] = (uint8_t) kind;
}

/* erase: remove the last byte of the line being edited, if any, and rub
 * it out on the screen. Returns whether there was one. */
static int erase(struct line *l)
{
	if (l->count == l->cooked)
		return 0;
	l->count--;
	echo(l, "\b \b", 3);
	return 1;
}

/* end_line: the line being edited (ended by C of KIND, NL or EOF) goes
 * to readers. The last entry of the buffer is kept for this, so a full
 * line can always be ended. */
static int end_line(struct line *l, uint8_t c, enum line_kind kind)
{
	if (l->count == LINE_BUF_SIZE)
		return 0;
	push(l, c, kind);
	l->cooked = l->count;
	if (kind == LINE_NL)
		echo(l, "\n", 1);
	return LINE_READY;
}

/* canonical: C typed in canonical mode (line editing). */
static int canonical(struct line *l, uint8_t c)
{
	if (c == DEL || c == BS || c == l->tio.c_cc_erase) {
		erase(l);
		return 0;
	}
	if (c == l->tio.c_cc_kill) {
		while (erase(l))
			;
		return 0;
	}
	if (c == l->tio.c_cc_eof)
		return end_line(l, c, LINE_EOF);
	if (c == '\n')
		return end_line(l, c, LINE_NL);
	if (l->count >= LINE_BUF_SIZE - 1)
		return 0;               /* full: dropped */
	push(l, c, LINE_CHAR);
	echo(l, (const char *) &c, 1);
	return 0;
}

/* line_input: see line.h. CR is taken as NL. */
int line_input(struct line *l, uint8_t c)
{
	if (c == '\r')
		c = '\n';
	if ((l->tio.c_lflag & ISIG) && c == l->tio.c_cc_intr) {
		l->count = l->cooked;   /* the line being typed is dropped */
		echo(l, "^C\n", 3);
		return LINE_SIGINT;
	}
	if (l->tio.c_lflag & ICANON)
		return canonical(l, c);
	if (l->count == LINE_BUF_SIZE)
		return 0;               /* full: dropped */
	push(l, c, c == '\n' ? LINE_NL : LINE_CHAR);
	l->cooked = l->count;
	echo(l, (const char *) &c, 1);
	return LINE_READY;
}

/* line_readable: see line.h. */
int line_readable(const struct line *l)
{
	return l->cooked > 0;
}

/* take: remove the oldest entry. */
static void take(struct line *l)
{
	l->head = slot(l, 1);
	l->count--;
	l->cooked--;
}

/* line_read: see line.h. An EOF entry ends a read: alone it is the end of
 * file, after bytes it only ends the line. It is also taken when the
 * bytes before it filled BUF, so that it never shows as a spurious end of
 * file. */
int line_read(struct line *l, char *buf, size_t size)
{
	if (size == 0)
		return 0;
	if (l->cooked == 0)
		return -EAGAIN;
	int canon = (l->tio.c_lflag & ICANON) != 0;
	size_t n = 0;
	while (l->cooked > 0) {
		unsigned s = slot(l, 0);
		if (l->kind[s] == LINE_EOF) {
			take(l);
			break;
		}
		if (n == size)
			break;
		buf[n++] = (char) l->byte[s];
		take(l);
		if (canon && l->kind[s] == LINE_NL)
			break;
	}
	return (int) n;
}

/* line_set_termios: see line.h. */
int line_set_termios(struct line *l, const struct termios *t)
{
	int was_canon = (l->tio.c_lflag & ICANON) != 0;
	l->tio = *t;
	if (was_canon && !(t->c_lflag & ICANON) && l->cooked < l->count) {
		l->cooked = l->count;
		return LINE_READY;
	}
	return 0;
}
