/* Terminal control: the ioctl requests the terminal driver answers and its
 * (small) termios. */
#ifndef ABI_TERMIOS_H
#define ABI_TERMIOS_H

#include <abi/types.h>

/* ioctl requests (the argument is a pointer in the caller's memory). */
#define TCGETS     0x5401   /* struct termios * (out) */
#define TCSETS     0x5402   /* const struct termios * */
#define TIOCGPGRP  0x540F   /* int32_t * (out): foreground process group */
#define TIOCSPGRP  0x5410   /* const int32_t *: set the foreground group */
#define TIOCGWINSZ 0x5413   /* struct winsize * (out) */

/* c_lflag bits. */
#define ISIG   0x0001      /* ^C raises SIGINT in the foreground group */
#define ICANON 0x0002      /* line editing: input comes a line at a time */
#define ECHO   0x0008      /* echo what is typed */

struct termios {
	uint32_t c_lflag;
	uint8_t c_cc_intr;      /* ^C (3) */
	uint8_t c_cc_erase;     /* backspace (127; 8 is accepted too) */
	uint8_t c_cc_kill;      /* ^U (21) */
	uint8_t c_cc_eof;       /* ^D (4) */
};

struct winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#endif
