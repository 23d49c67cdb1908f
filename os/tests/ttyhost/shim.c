/* A host-side wrapper of the terminal's line discipline
 * (os/drivers/tty/line.c) with plain C types, for os/tests/test_tty_host.py
 * to drive through ctypes. Built with the host compiler, never for the
 * guest. */
#include <stdlib.h>
#include <string.h>
#include "line.h"

struct shim {
	struct line line;
	char echo[16384];       /* echo collected since the last take */
	size_t echo_len;
};

static void collect(void *ctx, const char *s, size_t n)
{
	struct shim *sh = ctx;
	if (sh->echo_len + n > sizeof(sh->echo))
		n = sizeof(sh->echo) - sh->echo_len;
	memcpy(sh->echo + sh->echo_len, s, n);
	sh->echo_len += n;
}

/* shim_new: a fresh line discipline (default settings). */
struct shim *shim_new(void)
{
	struct shim *sh = calloc(1, sizeof(*sh));
	if (sh)
		line_init(&sh->line, collect, sh);
	return sh;
}

void shim_free(struct shim *sh)
{
	free(sh);
}

/* shim_input: line_input of byte C; returns its events. */
int shim_input(struct shim *sh, int c)
{
	return line_input(&sh->line, (uint8_t) c);
}

int shim_readable(struct shim *sh)
{
	return line_readable(&sh->line);
}

int shim_read(struct shim *sh, char *buf, int size)
{
	return line_read(&sh->line, buf, (size_t) size);
}

/* shim_take_echo: copy the echo so far into BUF (SIZE bytes) and forget
 * it; returns its length. */
int shim_take_echo(struct shim *sh, char *buf, int size)
{
	size_t n = sh->echo_len < (size_t) size ? sh->echo_len : (size_t) size;
	memcpy(buf, sh->echo, n);
	sh->echo_len = 0;
	return (int) n;
}

/* shim_get_termios: the settings, as lflag and the four keys. */
void shim_get_termios(struct shim *sh, unsigned *lflag, int *intr,
    int *erase, int *kill, int *eof)
{
	*lflag = sh->line.tio.c_lflag;
	*intr = sh->line.tio.c_cc_intr;
	*erase = sh->line.tio.c_cc_erase;
	*kill = sh->line.tio.c_cc_kill;
	*eof = sh->line.tio.c_cc_eof;
}

/* shim_set_termios: line_set_termios; returns its events. */
int shim_set_termios(struct shim *sh, unsigned lflag, int intr, int erase,
    int kill, int eof)
{
	struct termios t = {
		.c_lflag = lflag, .c_cc_intr = (uint8_t) intr,
		.c_cc_erase = (uint8_t) erase, .c_cc_kill = (uint8_t) kill,
		.c_cc_eof = (uint8_t) eof,
	};
	return line_set_termios(&sh->line, &t);
}
