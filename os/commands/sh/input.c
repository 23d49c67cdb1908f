/* sh: reading the shell's input a line at a time, from a descriptor (a
 * terminal, a script, a pipe) or from the string of `sh -c`. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sh.h"

/* Read from descriptor FD. A pipe that the commands the shell runs may read
 * too is read one byte at a time, so the shell never swallows their input;
 * a regular file (a script) is read in blocks, and so is a terminal (it
 * hands out at most one line per read anyway). */
void input_from_fd(struct sh_input *in, int fd)
{
	struct stat st;
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->bytewise = !isatty(fd) &&
	    (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode));
}

/* Edit the lines read from IN when its descriptor and the shell's standard
 * output are a terminal (an interactive shell asks for it). */
void input_edit(struct sh_input *in)
{
	in->edit = in->fd >= 0 && isatty(in->fd) && isatty(1);
}

/* Read from the string S (it must outlive IN). */
void input_from_string(struct sh_input *in, const char *s)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->str = s;
}

/* Next byte of IN into *C: 1, 0 at the end, INPUT_INTR when a signal
 * interrupted the read, INPUT_ERROR on a read error. */
static int next_byte(struct sh_input *in, char *c)
{
	if (in->fd < 0) {
		if (!in->str[in->pos])
			return 0;
		*c = in->str[in->pos++];
		return 1;
	}
	if (in->off == in->len) {
		ssize_t n = read(in->fd, in->buf,
		    in->bytewise ? 1 : sizeof(in->buf));
		if (n < 0)
			return errno == EINTR ? INPUT_INTR : INPUT_ERROR;
		if (n == 0)
			return 0;
		in->off = 0;
		in->len = (int) n;
	}
	*c = in->buf[in->off++];
	return 1;
}

/* Read one line of IN into LINE (replacing its contents), with its '\n'
 * unless it was the last line of the input and had none. Returns INPUT_LINE,
 * INPUT_EOF when nothing was left, INPUT_INTR when a signal interrupted the
 * read (what was read of the line is dropped), or INPUT_ERROR. With
 * editing (input_edit) the terminal's line is read by lineedit_read. */
int input_line(struct sh_input *in, struct strbuf *line)
{
	if (in->edit) {
		int r = lineedit_read(in, line);
		if (r != INPUT_NOEDIT)
			return r;
	}
	sb_clear(line);
	for (;;) {
		char c;
		int r = next_byte(in, &c);
		if (r < 0) {
			sb_clear(line);
			return r;
		}
		if (r == 0)
			return line->len ? INPUT_LINE : INPUT_EOF;
		sb_addc(line, c);
		if (c == '\n')
			return INPUT_LINE;
	}
}
