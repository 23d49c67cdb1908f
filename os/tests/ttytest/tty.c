/* ttytest's cases for the terminal that need no typing. They run before
 * anything is typed, so the terminal's input is empty. */
#include "ttytest.h"

TEST(tty_open)
{
	CHECK_EQ(tt_open(tt_tty, TTY_MINOR_CONSOLE), 0);
	CHECK_EQ(tt_open(tt_tty, 1), -ENODEV);
	CHECK_EQ(tt_open(tt_tty, 3), -ENODEV);
	CHECK_EQ(tt_close(tt_tty, TTY_MINOR_CONSOLE), 0);
}

/* tty_agent_line: the test agent's channel (minor 2, COM3, which the
 * harness always gives the machine): one open at a time, again once
 * closed; a write goes out on COM3 only (test_tty.py reads it there and
 * not on the console). */
TEST(tty_agent_line)
{
	static const char text[] = "ttytest: written on the agent's line\n";
	CHECK_EQ(tt_open(tt_tty, TTY_MINOR_AGENT), 0);
	CHECK_EQ(tt_open(tt_tty, TTY_MINOR_AGENT), -EBUSY);
	CHECK_EQ(tt_write(tt_tty, TTY_MINOR_AGENT, text, sizeof(text) - 1),
	    sizeof(text) - 1);
	CHECK_EQ(tt_close(tt_tty, TTY_MINOR_AGENT), 0);
	CHECK_EQ(tt_open(tt_tty, TTY_MINOR_AGENT), 0);
	CHECK_EQ(tt_close(tt_tty, TTY_MINOR_AGENT), 0);
}

/* tty_write: the text appears on the console (test_tty.py looks for it,
 * with CR NL). */
TEST(tty_write)
{
	static const char text[] = "ttytest: written through the terminal\n";
	CHECK_EQ(tt_write(tt_tty, TTY_MINOR_CONSOLE, text, sizeof(text) - 1),
	    sizeof(text) - 1);
	CHECK_EQ(tt_write(tt_tty, TTY_MINOR_CONSOLE, text, 0), 0);
}

/* tty_write_long: more than one chunk of the driver's copy loop. */
TEST(tty_write_long)
{
	static char text[700];
	for (size_t i = 0; i < sizeof(text) - 1; i++)
		text[i] = (char) ('a' + i % 26);
	text[sizeof(text) - 1] = '\n';
	CHECK_EQ(tt_write(tt_tty, TTY_MINOR_CONSOLE, text, sizeof(text)),
	    sizeof(text));
}

TEST(tty_termios_default)
{
	struct termios t;
	memset(&t, 0xff, sizeof(t));
	CHECK_EQ(tt_ioctl(tt_tty, 0, TCGETS, &t, sizeof(t)), 0);
	CHECK_EQ(t.c_lflag, ISIG | ICANON | ECHO);
	CHECK_EQ(t.c_cc_intr, 3);
	CHECK_EQ(t.c_cc_erase, 127);
	CHECK_EQ(t.c_cc_kill, 21);
	CHECK_EQ(t.c_cc_eof, 4);
}

TEST(tty_winsize)
{
	struct winsize w;
	memset(&w, 0xff, sizeof(w));
	CHECK_EQ(tt_ioctl(tt_tty, 0, TIOCGWINSZ, &w, sizeof(w)), 0);
	CHECK_EQ(w.ws_row, 25);
	CHECK_EQ(w.ws_col, 80);
}

TEST(tty_pgrp)
{
	int32_t g = -5;
	CHECK_EQ(tt_ioctl(tt_tty, 0, TIOCGPGRP, &g, sizeof(g)), 0);
	CHECK_EQ(g, 0);
	g = 42;
	CHECK_EQ(tt_ioctl(tt_tty, 0, TIOCSPGRP, &g, sizeof(g)), 0);
	g = 0;
	CHECK_EQ(tt_ioctl(tt_tty, 0, TIOCGPGRP, &g, sizeof(g)), 0);
	CHECK_EQ(g, 42);
	g = -1;
	CHECK_EQ(tt_ioctl(tt_tty, 0, TIOCSPGRP, &g, sizeof(g)), -EINVAL);
	g = 0;
	CHECK_EQ(tt_ioctl(tt_tty, 0, TIOCSPGRP, &g, sizeof(g)), 0);
}

TEST(tty_bad_ioctl)
{
	int32_t g;
	CHECK_EQ(tt_ioctl(tt_tty, 0, 0x9999, &g, sizeof(g)), -ENOTTY);
	CHECK_EQ(tt_ioctl(tt_tty, 1, TIOCGPGRP, &g, sizeof(g)), -ENODEV);
}

/* tty_ioctl_bad_grant: an argument that is not granted: the copy's
 * error. */
TEST(tty_ioctl_bad_grant)
{
	struct mess_cdev_req q = {
		.minor = 0, .id = 902, .grant = 0x7fff0003, .request = TCGETS,
	};
	CHECK_EQ(tt_call(tt_tty, CDEV_IOCTL, &q, NULL), -EPERM);
}

TEST(tty_nonblock)
{
	char buf[8];
	CHECK_EQ(tt_read(tt_tty, 0, buf, sizeof(buf), O_NONBLOCK, NULL),
	    -EAGAIN);
	CHECK_EQ(tt_read(tt_tty, 0, buf, 0, 0, NULL), 0);
}

/* tty_cancel: reads wait in a queue; CANCEL answers -EINTR for each,
 * which is then never reported again; the queue holds 8. */
TEST(tty_cancel)
{
	static char buf[9][8];
	uint32_t id[9], sid;
	int status;
	CHECK_EQ(tt_read(tt_tty, 0, buf[0], 8, 0, &id[0]), CDEV_SUSPEND);
	CHECK_EQ(tt_read(tt_tty, 0, buf[1], 8, 0, &id[1]), CDEV_SUSPEND);
	CHECK_EQ(tt_cancel(tt_tty, id[1]), -EINTR);
	CHECK_EQ(tt_cancel(tt_tty, id[0]), -EINTR);
	CHECK_EQ(tt_status(tt_tty, &sid, &status), CDEV_NO_STATUS);
	CHECK_EQ(tt_cancel(tt_tty, id[0]), -EINVAL);
	for (int i = 0; i < 8; i++)
		CHECK_EQ(tt_read(tt_tty, 0, buf[i], 8, 0, &id[i]), CDEV_SUSPEND);
	CHECK_EQ(tt_read(tt_tty, 0, buf[8], 8, 0, &id[8]), -EBUSY);
	for (int i = 0; i < 8; i++)
		CHECK_EQ(tt_cancel(tt_tty, id[i]), -EINTR);
	/* Nothing waits any more. */
	CHECK_EQ(tt_read(tt_tty, 0, buf[0], 8, O_NONBLOCK, NULL), -EAGAIN);
	CHECK_EQ(tt_status(tt_tty, &sid, &status), CDEV_NO_STATUS);
}

/* tty_no_signals: nothing queued for PM yet. */
TEST(tty_no_signals)
{
	CHECK_EQ(tt_signals_left(), 0);
}
