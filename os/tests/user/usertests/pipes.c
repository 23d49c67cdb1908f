/* usertests: pipes. Data between processes, 64 KiB with the reader or the
 * writer first, end of file when the writers are gone, EPIPE and SIGPIPE
 * without readers, and a pipeline of several processes. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ut.h"

extern char **environ;

/* Bytes from a child to its parent and back. */
TEST(pipe_basic)
{
	int down[2], up[2];
	char buf[16];
	CHECK_SYS(pipe(down));
	CHECK_SYS(pipe(up));
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		ssize_t n = read(down[0], buf, sizeof(buf));
		if (n != 5 || memcmp(buf, "ping!", 5) != 0)
			_exit(2);
		write(up[1], "pong", 4);
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	CHECK_EQ(write(down[1], "ping!", 5), 5);
	CHECK_EQ(ut_read_all(up[0], buf, sizeof(buf)), 4);   /* then EOF */
	CHECK(memcmp(buf, "pong", 4) == 0);
	EXPECT_EXIT(pid, 0);
}

#define BIG (64 * 1024)

/* The byte at offset I of a big transfer. */
static unsigned char pattern(int i)
{
	return (unsigned char) (i % 253);
}

/* Send BIG bytes from a child to this process; with WRITER_FIRST the
 * child starts writing (and fills the pipe) before the reader reads,
 * otherwise the reader waits on the empty pipe first. */
static void transfer(int writer_first)
{
	static unsigned char buf[BIG];
	int pfd[2];
	CHECK_SYS(pipe(pfd));
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(pfd[0]);
		if (!writer_first)
			usleep(100000);
		for (int i = 0; i < BIG; i++)
			buf[i] = pattern(i);
		ut_write_all(pfd[1], buf, BIG);
		_exit(0);
	}
	close(pfd[1]);
	if (writer_first)
		usleep(100000);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(ut_read_all(pfd[0], buf, BIG), BIG);
	for (int i = 0; i < BIG; i++)
		if (buf[i] != pattern(i))
			FAIL("byte %d is %d, expected %d", i,
			    buf[i], pattern(i));
	char c;
	CHECK_EQ(read(pfd[0], &c, 1), 0);
	close(pfd[0]);
	EXPECT_EXIT(pid, 0);
}

/* 64 KiB through a pipe, writer first and reader first. */
TEST(pipe_big)
{
	transfer(1);
	transfer(0);
}

/* Reads see end of file once every writer has closed, not before. */
TEST(pipe_eof)
{
	int pfd[2];
	char buf[64];
	CHECK_SYS(pipe(pfd));
	pid_t pids[2];
	for (int i = 0; i < 2; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			close(pfd[0]);
			usleep((useconds_t) (i + 1) * 50000);
			write(pfd[1], i ? "bbbb" : "aaaa", 4);
			_exit(0);
		}
	}
	close(pfd[1]);
	CHECK_EQ(ut_read_all(pfd[0], buf, sizeof(buf)), 8);
	CHECK(memcmp(buf, "aaaabbbb", 8) == 0);
	CHECK_EQ(read(pfd[0], buf, 1), 0);
	close(pfd[0]);
	EXPECT_EXIT(pids[0], 0);
	EXPECT_EXIT(pids[1], 0);

	/* Data written before the close is still read before the end. */
	CHECK_SYS(pipe(pfd));
	CHECK_EQ(write(pfd[1], "tail", 4), 4);
	close(pfd[1]);
	CHECK_EQ(read(pfd[0], buf, sizeof(buf)), 4);
	CHECK_EQ(read(pfd[0], buf, sizeof(buf)), 0);
	close(pfd[0]);
}

/* Writing to a pipe without readers: SIGPIPE kills by default; ignored,
 * the write fails with EPIPE. */
TEST(pipe_epipe)
{
	int pfd[2];
	CHECK_SYS(pipe(pfd));
	close(pfd[0]);
	pid_t pid = ut_fork();
	if (pid == 0) {
		write(pfd[1], "x", 1);
		_exit(0);
	}
	EXPECT_SIGNAL(pid, SIGPIPE);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(pfd[1], "x", 1), EPIPE);
	close(pfd[1]);

	/* A reader that goes away while the writer is blocked. */
	CHECK_SYS(pipe(pfd));
	pid = ut_fork();
	if (pid == 0) {
		close(pfd[1]);
		usleep(100000);
		_exit(0);                       /* closes the read end */
	}
	close(pfd[0]);
	static char buf[BIG];
	ssize_t n;
	while ((n = write(pfd[1], buf, sizeof(buf))) > 0)
		;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EPIPE);
	close(pfd[1]);
	EXPECT_EXIT(pid, 0);
}

#define STAGES 6
#define DATA 32768

/* A pipeline of STAGES processes: the odd ones run /bin/cat, the even ones
 * add 1 to each byte. Data comes out changed by exactly the adders. */
TEST(pipeline)
{
	static unsigned char buf[DATA];
	int first[2], in_fd;
	CHECK_SYS(pipe(first));
	in_fd = first[0];
	pid_t pids[STAGES];
	for (int s = 0; s < STAGES; s++) {
		int next[2];
		CHECK_SYS(pipe(next));
		pids[s] = ut_fork();
		if (pids[s] == 0) {
			dup2(in_fd, 0);
			dup2(next[1], 1);
			close(in_fd);
			close(next[0]);
			close(next[1]);
			close(first[1]);
			if (s % 2) {
				char *argv[] = { "cat", NULL };
				execve("/bin/cat", argv, environ);
				_exit(99);
			}
			unsigned char b[512];
			ssize_t n;
			while ((n = read(0, b, sizeof(b))) > 0) {
				for (ssize_t i = 0; i < n; i++)
					b[i]++;
				if (write(1, b, (size_t) n) != n)
					_exit(3);
			}
			_exit(n < 0 ? 2 : 0);
		}
		close(in_fd);
		close(next[1]);
		in_fd = next[0];
	}
	/* Feed from a child so that the parent can read at the same time. */
	pid_t feeder = ut_fork();
	if (feeder == 0) {
		close(in_fd);
		for (int i = 0; i < DATA; i++)
			buf[i] = (unsigned char) i;
		ut_write_all(first[1], buf, DATA);
		_exit(0);
	}
	close(first[1]);
	CHECK_EQ(ut_read_all(in_fd, buf, DATA), DATA);
	for (int i = 0; i < DATA; i++)
		if (buf[i] != (unsigned char) (i + (STAGES + 1) / 2))
			FAIL("byte %d is %d, expected %d", i,
			    buf[i], (unsigned char) (i + (STAGES + 1) / 2));
	close(in_fd);
	EXPECT_EXIT(feeder, 0);
	for (int s = 0; s < STAGES; s++)
		EXPECT_EXIT(pids[s], 0);
}
