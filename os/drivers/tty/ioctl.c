/* The terminal's ioctl operation: termios, the foreground process group,
 * the window size. Arguments move through VFS's grant. */
#include "tty.h"
#include <abi/errno.h>

#define TTY_ROWS 25
#define TTY_COLS 80

/* set_termios: TCSETS: new settings from GRANT; a waiting read may now
 * complete (leaving canonical mode makes the typed line readable). */
static int set_termios(struct tty *tp, uint32_t grant)
{
	struct termios t;
	int r = chardriver_copyin(grant, 0, &t, sizeof(t));
	if (r != 0)
		return r;
	int ev = line_set_termios(&tp->line, &t);
	tty_seal(tp);
	if (ev & LINE_READY)
		tty_readers_check(tp);
	return 0;
}

/* set_pgrp: TIOCSPGRP: the foreground group from GRANT (0: none). */
static int set_pgrp(struct tty *tp, uint32_t grant)
{
	int32_t pgrp;
	int r = chardriver_copyin(grant, 0, &pgrp, sizeof(pgrp));
	if (r != 0)
		return r;
	if (pgrp < 0)
		return -EINVAL;
	tp->pgrp = pgrp;
	tty_seal(tp);
	return 0;
}

/* tty_ioctl: the ioctl operation (abi/termios.h). Returns 0, the copy's
 * error, -EINVAL for a negative group, -ENOTTY for another request. */
int tty_ioctl(const struct chardriver_req *req)
{
	struct tty *tp = tty_get(req->minor);
	if (!tp)
		return -ENODEV;
	switch (req->request) {
	case TCGETS:
		return chardriver_copyout(req->grant, 0, &tp->line.tio,
		    sizeof(tp->line.tio));
	case TCSETS:
		return set_termios(tp, req->grant);
	case TIOCGPGRP:
		return chardriver_copyout(req->grant, 0, &tp->pgrp,
		    sizeof(tp->pgrp));
	case TIOCSPGRP:
		return set_pgrp(tp, req->grant);
	case TIOCGWINSZ: {
		struct winsize w = { .ws_row = TTY_ROWS, .ws_col = TTY_COLS };
		return chardriver_copyout(req->grant, 0, &w, sizeof(w));
	}
	default:
		return -ENOTTY;
	}
}
