/* ttytest's cases for typed input: each starts a read, prints
 * "ttytest: type NAME" and waits for what os/tests/test_tty.py types on the
 * serial console for NAME, then prints what the read returned. */
#include "ttytest.h"
#include <abi/signal.h>

#define TYPE_TIMEOUT_S 60   /* seconds to wait for typing */

/* typed_read: a read of SIZE bytes into BUF that must wait; prompt for
 * NAME, wait for its completion and show it. Returns the read's result,
 * or a large number when the read did not wait or never completed. */
static int typed_read(const char *name, char *buf, size_t size)
{
	uint32_t id;
	int r = tt_read(tt_tty, 0, buf, size, 0, &id);
	if (r != CDEV_SUSPEND) {
		printf("ttytest: %s: the read did not wait (%d)\n", name, r);
		return 100000;
	}
	printf("ttytest: type %s\n", name);
	int status;
	if (tt_await(tt_tty, id, TYPE_TIMEOUT_S, &status) != 0) {
		printf("ttytest: %s: nothing came\n", name);
		tt_cancel(tt_tty, id);
		return 100001;
	}
	tt_show(name, status, buf);
	return status;
}

/* set_lflag: the terminal's c_lflag becomes LFLAG (other settings as
 * they are). */
static int set_lflag(uint32_t lflag)
{
	struct termios t;
	int r = tt_ioctl(tt_tty, 0, TCGETS, &t, sizeof(t));
	if (r != 0)
		return r;
	t.c_lflag = lflag;
	return tt_ioctl(tt_tty, 0, TCSETS, &t, sizeof(t));
}

static int set_pgrp(int32_t g)
{
	return tt_ioctl(tt_tty, 0, TIOCSPGRP, &g, sizeof(g));
}

/* Typed: "hello" CR. */
TEST(typed_line)
{
	char buf[100];
	CHECK_EQ(typed_read("line", buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "hello\n", 6) == 0);
}

/* Typed: "x" LF (a newline typed as such, not as CR). */
TEST(typed_lf)
{
	char buf[100];
	CHECK_EQ(typed_read("lf", buf, sizeof(buf)), 2);
	CHECK(memcmp(buf, "x\n", 2) == 0);
}

/* Typed: "abcdef" CR, read 3 bytes at a time: the rest stays. */
TEST(typed_partial)
{
	char buf[100];
	CHECK_EQ(typed_read("partial", buf, 3), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_EQ(tt_read(tt_tty, 0, buf, sizeof(buf), 0, NULL), 4);
	CHECK(memcmp(buf, "def\n", 4) == 0);
	CHECK_EQ(tt_read(tt_tty, 0, buf, sizeof(buf), O_NONBLOCK, NULL),
	    -EAGAIN);
}

/* Typed: "one" CR "two" CR while two reads wait: each gets one line, in
 * the order they came. */
TEST(typed_two_readers)
{
	char a[100], b[100];
	uint32_t ida, idb;
	int sa, sb;
	CHECK_EQ(tt_read(tt_tty, 0, a, sizeof(a), 0, &ida), CDEV_SUSPEND);
	CHECK_EQ(tt_read(tt_tty, 0, b, sizeof(b), 0, &idb), CDEV_SUSPEND);
	printf("ttytest: type two_readers\n");
	CHECK_EQ(tt_await(tt_tty, ida, TYPE_TIMEOUT_S, &sa), 0);
	CHECK_EQ(tt_await(tt_tty, idb, TYPE_TIMEOUT_S, &sb), 0);
	tt_show("two_readers", sa, a);
	tt_show("two_readers_second", sb, b);
	CHECK_EQ(sa, 4);
	CHECK(memcmp(a, "one\n", 4) == 0);
	CHECK_EQ(sb, 4);
	CHECK(memcmp(b, "two\n", 4) == 0);
}

/* Typed: "abx" DEL "cz" BS "d" CR: both erase keys. */
TEST(typed_erase)
{
	char buf[100];
	CHECK_EQ(typed_read("erase", buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "abcd\n", 5) == 0);
}

/* Typed: "junk" ^U "good" CR. */
TEST(typed_kill)
{
	char buf[100];
	CHECK_EQ(typed_read("kill", buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "good\n", 5) == 0);
}

/* Typed: ^D at the start of a line: end of file. */
TEST(typed_eof)
{
	char buf[100];
	CHECK_EQ(typed_read("eof", buf, sizeof(buf)), 0);
}

/* Typed: "ab" ^D: the line ends without a newline; no end of file
 * follows. */
TEST(typed_eof_mid)
{
	char buf[100];
	CHECK_EQ(typed_read("eof_mid", buf, sizeof(buf)), 2);
	CHECK(memcmp(buf, "ab", 2) == 0);
	CHECK_EQ(tt_read(tt_tty, 0, buf, sizeof(buf), O_NONBLOCK, NULL),
	    -EAGAIN);
}

/* Typed: "xyz" ^C (signal for group 42, the line is dropped), then "ok"
 * CR, which the waiting read gets. */
TEST(typed_sigint)
{
	char buf[100];
	uint32_t id;
	int status;
	struct mess_tty_sig sig = { 0 };
	CHECK_EQ(set_pgrp(42), 0);
	CHECK_EQ(tt_read(tt_tty, 0, buf, sizeof(buf), 0, &id), CDEV_SUSPEND);
	printf("ttytest: type sigint\n");
	CHECK_EQ(tt_await_signal(TYPE_TIMEOUT_S, &sig), 0);
	printf("ttytest: sigint: signal %d for group %d\n", sig.sig, sig.pgid);
	CHECK_EQ(sig.pgid, 42);
	CHECK_EQ(sig.sig, SIGINT);
	printf("ttytest: type after_sigint\n");
	CHECK_EQ(tt_await(tt_tty, id, TYPE_TIMEOUT_S, &status), 0);
	tt_show("after_sigint", status, buf);
	CHECK_EQ(status, 3);
	CHECK(memcmp(buf, "ok\n", 3) == 0);
	CHECK_EQ(tt_signals_left(), 0);
	CHECK_EQ(set_pgrp(0), 0);
}

/* Typed: "zz" ^C "fine" CR with no foreground group: the line is dropped
 * but no signal is queued. */
TEST(typed_sigint_no_group)
{
	char buf[100];
	CHECK_EQ(typed_read("sigint_no_group", buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "fine\n", 5) == 0);
	CHECK_EQ(tt_signals_left(), 0);
}

/* Typed: "q" with ICANON and ECHO off: the read returns the one byte at
 * once, nothing is echoed. Then "s" ^C with only ISIG: a signal, no line
 * to drop. */
TEST(typed_raw)
{
	char buf[100];
	struct mess_tty_sig sig = { 0 };
	CHECK_EQ(set_lflag(0), 0);
	CHECK_EQ(typed_read("raw", buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'q');
	CHECK_EQ(set_lflag(ISIG), 0);
	CHECK_EQ(set_pgrp(7), 0);
	CHECK_EQ(typed_read("raw_isig", buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 's');
	CHECK_EQ(tt_await_signal(TYPE_TIMEOUT_S, &sig), 0);
	CHECK_EQ(sig.pgid, 7);
	CHECK_EQ(set_pgrp(0), 0);
	CHECK_EQ(set_lflag(ISIG | ICANON | ECHO), 0);
}

/* Typed: 300 digits and CR in one go (more than the UART's FIFO). */
TEST(typed_burst)
{
	static char buf[1024];
	CHECK_EQ(typed_read("burst", buf, sizeof(buf)), 301);
	for (int i = 0; i < 300; i++)
		CHECK_EQ(buf[i], '0' + i % 10);
	CHECK_EQ(buf[300], '\n');
}

/* Typed: 1100 "x" and CR: the buffer holds 1023 and the newline. */
TEST(typed_overflow)
{
	static char buf[2048];
	CHECK_EQ(typed_read("overflow", buf, sizeof(buf)), 1024);
	for (int i = 0; i < 1023; i++)
		CHECK_EQ(buf[i], 'x');
	CHECK_EQ(buf[1023], '\n');
}
