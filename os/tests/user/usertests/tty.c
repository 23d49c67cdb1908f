/* usertests: the terminal as a program sees it (Phoenix: its small
 * termios). The console's settings read, changed, read back and restored;
 * its foreground group known; a pipe is no terminal. */
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#include "ut.h"

#ifdef __phoenix__

#define TEST_KILL_KEY 0x0b      /* ^K: no setting of the system's own */

/* /dev/tty answers: it is a terminal, its settings change and read back
 * as set (then the old ones are put back), it has a foreground group;
 * a pipe is not a terminal (ENOTTY). */
TEST(tty_settings)
{
	int fd = (int) CHECK_SYS(open("/dev/tty", O_RDWR));
	CHECK(isatty(fd));
	struct termios old, t, back;
	CHECK_SYS(tcgetattr(fd, &old));
	t = old;
	t.c_cc_kill = TEST_KILL_KEY;
	CHECK_SYS(tcsetattr(fd, TCSANOW, &t));
	CHECK_SYS(tcgetattr(fd, &back));
	int changed = back.c_cc_kill == TEST_KILL_KEY &&
	    back.c_lflag == old.c_lflag;
	CHECK_SYS(tcsetattr(fd, TCSANOW, &old));
	CHECK(changed);
	CHECK_SYS(tcgetattr(fd, &back));
	CHECK_EQ(back.c_cc_kill, old.c_cc_kill);
	CHECK(tcgetpgrp(fd) > 0);
	close(fd);
	int pfd[2];
	CHECK_SYS(pipe(pfd));
	CHECK(!isatty(pfd[0]));
	CHECK_ERR(tcgetattr(pfd[0], &t), ENOTTY);
	close(pfd[0]);
	close(pfd[1]);
}

#endif
