/* sh: the line editor of an interactive shell whose input and output are a
 * terminal. While a line is read the terminal is in non-canonical mode
 * without echo (ISIG stays: ^C still interrupts); the editor echoes what is
 * typed itself and the saved settings come back before the line is handed
 * on, so the commands the shell runs see the terminal as it was.
 *
 * Keys: left/right, home/end (^A/^E), up/down (^P/^N) through the history,
 * backspace and delete anywhere, ^K ^U ^W (kill to the end, to the start,
 * the word before), ^Y (put back what was killed), ^L (clear the screen),
 * Tab (complete.c), ^D (end of file on an empty line, else delete). Escape
 * sequences (CSI "ESC [ params final", SS3 "ESC O x", "ESC x") are never
 * inserted: the ones known move the cursor, the others are swallowed.
 *
 * The screen is redrawn with plain bytes: a typed character at the end of
 * the line is echoed alone, the cursor goes left with BS and right by
 * writing the characters it passes over, and text is erased by writing
 * spaces. Only ^L uses an escape sequence. Input is read a byte at a time,
 * so that nothing typed after the line's end is taken from the commands
 * the line runs; the echo of a burst of bytes is written once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "sh.h"

#define KEY_CTRL(c)   ((c) & 0x1f)
#define ESC       0x1b
#define DEL       0x7f
#define SEQ_MAX   16          /* parameter bytes of a sequence kept */
#define COLUMNS   80          /* when the terminal does not say */
#define CLEAR_SCREEN "\033[H\033[2J"

enum esc_state { PLAIN, GOT_ESC, IN_CSI, IN_SS3 };

struct editor {
	int fd;                   /* the terminal (read) */
	int flags;                /* its file flags (O_NONBLOCK off), or -1 */
	const char *prompt;
	char *s;                  /* the line, not NUL-terminated */
	size_t len, cap, pos;     /* its length, room, the cursor */
	struct strbuf out;        /* output not yet written */
	int browse;               /* history entry shown (count: the new line) */
	char *draft;              /* the new line while the history is shown */
	char *killed;             /* the text ^K ^U ^W took last */
	int tabs;                 /* Tabs in a row so far */
	enum esc_state esc;
	char seq[SEQ_MAX + 1];    /* the sequence's parameter bytes */
	int seqlen;
	int done;                 /* the line is over: RESULT says how */
	int result;               /* an INPUT_* */
};

/* ---- output ---- */

/* Queue the N bytes of S for the terminal. */
static void put(struct editor *ed, const char *s, size_t n)
{
	if (n)
		sb_addn(&ed->out, s, n);
}

/* Queue N copies of byte C. */
static void put_n(struct editor *ed, char c, size_t n)
{
	while (n--)
		sb_addc(&ed->out, c);
}

/* Write what was queued on the shell's standard output (the terminal). */
static void flush(struct editor *ed)
{
	size_t done = 0;
	while (done < ed->out.len) {
		ssize_t n = write(1, ed->out.s + done, ed->out.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t) n;
	}
	sb_clear(&ed->out);
}

/* Redraw from the cursor to the end of the line, then ERASE spaces (the
 * line got that much shorter), and bring the cursor back. */
static void redraw_tail(struct editor *ed, size_t erase)
{
	put(ed, ed->s + ed->pos, ed->len - ed->pos);
	put_n(ed, ' ', erase);
	put_n(ed, '\b', ed->len - ed->pos + erase);
}

/* Draw the prompt and the whole line, the cursor at its place; after
 * clearing the screen when CLEAR. */
static void redraw(struct editor *ed, int clear)
{
	if (clear)
		put(ed, CLEAR_SCREEN, strlen(CLEAR_SCREEN));
	put(ed, ed->prompt, strlen(ed->prompt));
	put(ed, ed->s, ed->len);
	put_n(ed, '\b', ed->len - ed->pos);
}

/* ---- editing ---- */

/* Move the cursor to TO (0..len). */
static void move_to(struct editor *ed, size_t to)
{
	if (to < ed->pos)
		put_n(ed, '\b', ed->pos - to);
	else
		put(ed, ed->s + ed->pos, to - ed->pos);
	ed->pos = to;
}

/* Insert the N bytes of T at the cursor, which ends after them. At the end
 * of the line only T itself is echoed. */
static void insert(struct editor *ed, const char *t, size_t n)
{
	if (ed->len + n > ed->cap) {
		ed->cap = (ed->len + n) * 2 + 64;
		ed->s = sh_realloc(ed->s, ed->cap);
	}
	memmove(ed->s + ed->pos + n, ed->s + ed->pos, ed->len - ed->pos);
	memcpy(ed->s + ed->pos, t, n);
	ed->len += n;
	put(ed, t, n);
	ed->pos += n;
	if (ed->pos < ed->len)
		redraw_tail(ed, 0);
}

/* Remove the bytes FROM..TO (FROM <= TO <= len); the cursor ends at FROM.
 * With KILL they are kept for ^Y. */
static void delete_range(struct editor *ed, size_t from, size_t to, int kill)
{
	if (from >= to)
		return;
	if (kill) {
		free(ed->killed);
		ed->killed = sh_strndup(ed->s + from, to - from);
	}
	move_to(ed, from);
	memmove(ed->s + from, ed->s + to, ed->len - to);
	ed->len -= to - from;
	redraw_tail(ed, to - from);
}

/* Replace the whole line with T; the cursor ends at its end. */
static void set_line(struct editor *ed, const char *t)
{
	size_t old = ed->len;
	move_to(ed, 0);
	ed->len = 0;
	insert(ed, t, strlen(t));
	if (old > ed->len) {
		put_n(ed, ' ', old - ed->len);
		put_n(ed, '\b', old - ed->len);
	}
}

/* Where the word before the cursor starts (words are separated by
 * blanks). */
static size_t word_left(const struct editor *ed)
{
	size_t p = ed->pos;
	while (p > 0 && (ed->s[p - 1] == ' ' || ed->s[p - 1] == '\t'))
		p--;
	while (p > 0 && ed->s[p - 1] != ' ' && ed->s[p - 1] != '\t')
		p--;
	return p;
}

/* Where the word after the cursor ends. */
static size_t word_right(const struct editor *ed)
{
	size_t p = ed->pos;
	while (p < ed->len && (ed->s[p] == ' ' || ed->s[p] == '\t'))
		p++;
	while (p < ed->len && ed->s[p] != ' ' && ed->s[p] != '\t')
		p++;
	return p;
}

/* Show history entry WHICH (history_count(): the line being typed). */
static void browse_to(struct editor *ed, int which)
{
	int count = history_count();
	if (which < 0 || which > count || which == ed->browse)
		return;
	if (ed->browse == count) {
		free(ed->draft);
		ed->draft = sh_strndup(ed->s, ed->len);
	}
	ed->browse = which;
	set_line(ed, which == count ? ed->draft : history_get(which));
}

/* ---- Tab ---- */

/* The name a candidate is listed by: its last path component (with the
 * '/' of a directory). */
static const char *listed_name(const char *cand)
{
	size_t n = strlen(cand);
	const char *p = cand + (n && cand[n - 1] == '/' ? n - 1 : n);
	while (p > cand && p[-1] != '/')
		p--;
	return p;
}

/* The terminal's width in columns. */
static int columns(void)
{
	struct winsize ws;
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return COLUMNS;
}

/* List the candidates C below the line, in columns, then draw the prompt
 * and the line again. */
static void list_candidates(struct editor *ed, const struct strvec *c)
{
	size_t widest = 0;
	for (int i = 0; i < c->n; i++)
		if (strlen(listed_name(c->v[i])) > widest)
			widest = strlen(listed_name(c->v[i]));
	int cols = columns() / (int) (widest + 2);
	if (cols < 1)
		cols = 1;
	int rows = (c->n + cols - 1) / cols;
	move_to(ed, ed->len);
	put(ed, "\n", 1);
	for (int r = 0; r < rows; r++) {
		for (int k = r; k < c->n; k += rows) {
			const char *name = listed_name(c->v[k]);
			put(ed, name, strlen(name));
			if (k + rows < c->n)
				put_n(ed, ' ', widest + 2 - strlen(name));
		}
		put(ed, "\n", 1);
	}
	redraw(ed, 0);
}

/* Tab: complete the word before the cursor. One candidate is inserted
 * (then a blank, or nothing after a directory's '/'); several are
 * completed to their longest common beginning, and listed when there is
 * nothing to add and this is the second Tab in a row. */
static void tab(struct editor *ed)
{
	struct strvec c = { 0 };
	size_t start;
	char *line = sh_strndup(ed->s, ed->pos);
	complete_word(line, ed->pos, &start, &c);
	free(line);
	size_t typed = ed->pos - start;
	if (c.n == 1) {
		const char *w = c.v[0];
		size_t n = strlen(w);
		insert(ed, w + typed, n - typed);
		if (n == 0 || w[n - 1] != '/')
			insert(ed, " ", 1);
	} else if (c.n > 1) {
		size_t common = strlen(c.v[0]);
		for (int i = 1; i < c.n; i++) {
			size_t k = 0;
			while (k < common && c.v[i][k] == c.v[0][k])
				k++;
			common = k;
		}
		if (common > typed)
			insert(ed, c.v[0] + typed, common - typed);
		else if (ed->tabs >= 2)
			list_candidates(ed, &c);
	}
	sv_free(&c);
}

/* ---- keys ---- */

/* A key that is a plain control byte (or DEL). */
static void control_key(struct editor *ed, unsigned char c)
{
	switch (c) {
	case '\r':
	case '\n':                /* the '\n' is echoed by lineedit_read */
		move_to(ed, ed->len);
		ed->result = INPUT_LINE;
		ed->done = 1;
		break;
	case KEY_CTRL('A'):
		move_to(ed, 0);
		break;
	case KEY_CTRL('E'):
		move_to(ed, ed->len);
		break;
	case KEY_CTRL('B'):
		if (ed->pos > 0)
			move_to(ed, ed->pos - 1);
		break;
	case KEY_CTRL('F'):
		if (ed->pos < ed->len)
			move_to(ed, ed->pos + 1);
		break;
	case KEY_CTRL('C'):           /* only when the terminal does not signal */
		move_to(ed, ed->len);
		put(ed, "^C", 2);
		ed->result = INPUT_INTR;
		ed->done = 1;
		break;
	case KEY_CTRL('D'):
		if (ed->len == 0) {
			ed->result = INPUT_EOF;
			ed->done = 1;
		} else {
			delete_range(ed, ed->pos, ed->pos + (ed->pos < ed->len), 0);
		}
		break;
	case KEY_CTRL('H'):
	case DEL:
		if (ed->pos > 0)
			delete_range(ed, ed->pos - 1, ed->pos, 0);
		break;
	case KEY_CTRL('K'):
		delete_range(ed, ed->pos, ed->len, 1);
		break;
	case KEY_CTRL('U'):
		delete_range(ed, 0, ed->pos, 1);
		break;
	case KEY_CTRL('W'):
		delete_range(ed, word_left(ed), ed->pos, 1);
		break;
	case KEY_CTRL('Y'):
		if (ed->killed)
			insert(ed, ed->killed, strlen(ed->killed));
		break;
	case KEY_CTRL('L'):
		redraw(ed, 1);
		break;
	case KEY_CTRL('P'):
		browse_to(ed, ed->browse - 1);
		break;
	case KEY_CTRL('N'):
		browse_to(ed, ed->browse + 1);
		break;
	case '\t':
		tab(ed);
		break;
	default:                  /* other control bytes are not inserted */
		break;
	}
}

/* The first number of the sequence's parameters (DEF when absent), and in
 * *MOD the second one (the modifier of keys like ESC[1;5C; 1 when
 * absent). */
static int seq_params(struct editor *ed, int def, int *mod)
{
	ed->seq[ed->seqlen] = '\0';
	char *semi = strchr(ed->seq, ';');
	*mod = semi ? atoi(semi + 1) : 1;
	return ed->seq[0] && ed->seq[0] != ';' ? atoi(ed->seq) : def;
}

/* The final byte F of a CSI or SS3 sequence: the keys known act, others
 * do nothing. A modifier (Ctrl, Alt) on left/right moves by words. */
static void sequence_key(struct editor *ed, unsigned char f)
{
	int mod, n = seq_params(ed, 1, &mod);
	switch (f) {
	case 'A':
		browse_to(ed, ed->browse - 1);
		break;
	case 'B':
		browse_to(ed, ed->browse + 1);
		break;
	case 'C':
		if (mod > 1)
			move_to(ed, word_right(ed));
		else if (ed->pos < ed->len)
			move_to(ed, ed->pos + 1);
		break;
	case 'D':
		if (mod > 1)
			move_to(ed, word_left(ed));
		else if (ed->pos > 0)
			move_to(ed, ed->pos - 1);
		break;
	case 'H':
		move_to(ed, 0);
		break;
	case 'F':
		move_to(ed, ed->len);
		break;
	case '~':                 /* VT220 keys: ESC [ n ~ */
		if (n == 1 || n == 7)
			move_to(ed, 0);
		else if (n == 4 || n == 8)
			move_to(ed, ed->len);
		else if (n == 3 && ed->pos < ed->len)
			delete_range(ed, ed->pos, ed->pos + 1, 0);
		break;
	default:
		break;
	}
}

/* "ESC x" (Alt-x): Alt-b and Alt-f move by words, Alt-d kills the next
 * word, Alt-backspace the word before; others do nothing. */
static void alt_key(struct editor *ed, unsigned char c)
{
	if (c == 'b')
		move_to(ed, word_left(ed));
	else if (c == 'f')
		move_to(ed, word_right(ed));
	else if (c == 'd')
		delete_range(ed, ed->pos, word_right(ed), 1);
	else if (c == DEL || c == KEY_CTRL('H'))
		delete_range(ed, word_left(ed), ed->pos, 1);
}

/* Feed byte C to the editor: text is inserted, keys act, the bytes of an
 * escape sequence are collected until its final byte. ESC inside a
 * sequence starts a new one; a control byte ends it and counts as
 * itself. */
static void feed(struct editor *ed, unsigned char c)
{
	int control = c < 0x20 || c == DEL;
	if (ed->esc == GOT_ESC) {
		ed->seqlen = 0;
		if (c == ESC)
			return;
		ed->esc = c == '[' ? IN_CSI : c == 'O' ? IN_SS3 : PLAIN;
		if (ed->esc != PLAIN)
			return;
		if (!control || c == DEL || c == KEY_CTRL('H')) {
			alt_key(ed, c);
			return;
		}
	} else if (ed->esc != PLAIN) {
		if (c == ESC) {
			ed->esc = GOT_ESC;
			return;
		}
		if (c == '[' && ed->esc == IN_CSI && ed->seqlen == 0) {
			ed->esc = IN_SS3;      /* Linux console F1..F5: ESC [ [ x */
			return;
		}
		if (!control) {
			if (c >= 0x20 && c < 0x40) {   /* parameters, intermediates */
				if (ed->seqlen < SEQ_MAX)
					ed->seq[ed->seqlen++] = (char) c;
				return;
			}
			ed->esc = PLAIN;
			sequence_key(ed, c);
			return;
		}
		ed->esc = PLAIN;
	}
	ed->tabs = c == '\t' ? ed->tabs + 1 : 0;
	if (c == ESC) {
		ed->esc = GOT_ESC;
		return;
	}
	if (control)
		control_key(ed, c);
	else
		insert(ed, (const char *) &c, 1);
}

/* ---- reading ---- */

/* Drop what was typed on FD and not read yet, as a terminal that flushes
 * its input at ^C does (the terminal is in non-canonical mode: everything
 * typed before the ^C is readable). */
static void drop_typeahead(int fd)
{
	char buf[64];
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return;
	for (int i = 0; i < 64 && read(fd, buf, sizeof(buf)) > 0; i++)
		;
	fcntl(fd, F_SETFL, flags);
}

/* Read one byte of the terminal into *C; read()'s result. The bytes of a
 * burst (pasted, or typed by a program) are taken without waiting for
 * their echo: the descriptor stays non-blocking while bytes are there, and
 * only when none is left is the echo written and the read waits (unless a
 * ^C came meanwhile: then -1, EINTR). */
static ssize_t next_byte(struct editor *ed, unsigned char *c)
{
	if (ed->flags >= 0) {
		ssize_t n = read(ed->fd, c, 1);
		if (n >= 0 || errno != EAGAIN)
			return n;
		fcntl(ed->fd, F_SETFL, ed->flags);
	}
	flush(ed);
	ssize_t n = -1;
	errno = EINTR;
	if (!shell.got_sigint)
		n = read(ed->fd, c, 1);
	int err = errno;
	if (ed->flags >= 0)
		fcntl(ed->fd, F_SETFL, ed->flags | O_NONBLOCK);
	errno = err;
	return n;
}

/* Show the prompt IN->prompt and read one line from the terminal IN->fd
 * with editing into LINE, with a final '\n'. The terminal is set up
 * before the prompt shows, so whatever is typed once it is there is
 * edited. Returns INPUT_LINE, INPUT_EOF (^D on an empty line, or the end
 * of the input with nothing typed), INPUT_INTR (^C: "^C" is shown, the
 * caller starts a fresh line; what was typed and not read yet is dropped),
 * INPUT_ERROR, or INPUT_NOEDIT when the
 * terminal's settings cannot be read or changed (the prompt is shown,
 * nothing was read: read the line without editing). The terminal's
 * settings are restored before returning, and before the '\n' that ends
 * a line is echoed: whoever sees it may type for the command at once. */
int lineedit_read(struct sh_input *in, struct strbuf *line)
{
	struct termios saved, raw;
	const char *prompt = in->prompt ? in->prompt : "";
	int ok = tcgetattr(in->fd, &saved) == 0;
	if (ok) {
		/* Commands get a line-at-a-time, echoing terminal even after a
		 * program (or a shell killed at its prompt) left it raw. */
		saved.c_lflag |= ICANON | ECHO;
		raw = saved;
		raw.c_lflag &= ~(ICANON | ECHO);
#ifdef VMIN
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
#endif
		ok = tcsetattr(in->fd, TCSANOW, &raw) == 0;
	}
	fputs(prompt, stdout);
	fflush(stdout);
	if (!ok)
		return INPUT_NOEDIT;

	struct editor ed = { 0 };
	shell.got_sigint = 0;           /* a ^C from before the prompt */
	ed.fd = in->fd;
	ed.prompt = prompt;
	ed.browse = history_count();
	/* Blocking when the line is over, whatever an earlier shell left. */
	ed.flags = fcntl(ed.fd, F_GETFL);
	if (ed.flags >= 0) {
		ed.flags &= ~O_NONBLOCK;
		if (fcntl(ed.fd, F_SETFL, ed.flags | O_NONBLOCK) < 0)
			ed.flags = -1;
	}
	while (!ed.done) {
		unsigned char c;
		ssize_t n = shell.got_sigint ? -1 : next_byte(&ed, &c);
		if (shell.got_sigint) {
			move_to(&ed, ed.len);
			put(&ed, "^C", 2);
			ed.result = INPUT_INTR;
			ed.done = 1;
		} else if (n < 0 && errno != EINTR && errno != EAGAIN) {
			ed.result = INPUT_ERROR;
			ed.done = 1;
		} else if (n == 0) {
			ed.result = ed.len ? INPUT_LINE : INPUT_EOF;
			ed.done = 1;
		} else if (n == 1) {
			feed(&ed, c);
		}
	}
	if (ed.result == INPUT_INTR)
		drop_typeahead(ed.fd);
	if (ed.flags >= 0)
		fcntl(ed.fd, F_SETFL, ed.flags);
	flush(&ed);
	tcsetattr(in->fd, TCSANOW, &saved);
	if (ed.result == INPUT_LINE) {
		put(&ed, "\n", 1);
		flush(&ed);
	}

	sb_clear(line);
	if (ed.result == INPUT_LINE) {
		sb_addn(line, ed.s ? ed.s : "", ed.len);
		sb_addc(line, '\n');
	}
	free(ed.s);
	free(ed.draft);
	free(ed.killed);
	sb_free(&ed.out);
	return ed.result;
}
