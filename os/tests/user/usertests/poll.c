/* usertests: poll and select on pipes. What is ready at once, a poll that
 * wakes when another process writes, reads or closes, the timeout, a
 * signal (EINTR), select's sets and EBADF. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include "ut.h"

/* An empty pipe: the write end is writable, the read end not (timeout
 * 0 and a short one give 0); a closed or negative descriptor. */
TEST(poll_ready)
{
	int p[2];
	CHECK_SYS(pipe(p));
	struct pollfd f[4] = {
		{ p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 }, { -1, POLLIN, 0 },
		{ 29, POLLIN, 0 },
	};
	CHECK_EQ(poll(f, 4, 0), 2);
	CHECK_EQ(f[0].revents, 0);
	CHECK_EQ(f[1].revents, POLLOUT);
	CHECK_EQ(f[2].revents, 0);
	CHECK_EQ(f[3].revents, POLLNVAL);
	CHECK_EQ(poll(f, 1, 30), 0);
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(poll(f, 1, -1), 1);
	CHECK_EQ(f[0].revents, POLLIN);
	close(p[1]);                         /* the writer goes */
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(poll(f, 1, -1), 1);
	CHECK(f[0].revents & POLLHUP);
	close(p[0]);
}

/* A poll with no timeout wakes when a child writes, and a full pipe's
 * writer wakes when the child reads. */
TEST(poll_wakes)
{
	int down[2], up[2];
	char buf[4096];
	CHECK_SYS(pipe(down));
	CHECK_SYS(pipe(up));
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		if (read(down[0], buf, 1) != 1)  /* the parent polls now */
			_exit(2);
		write(up[1], "hi", 2);
		/* The parent fills DOWN and polls for room: drain it. */
		size_t total = 0;
		while (total < sizeof(buf) + 1) {
			ssize_t n = read(down[0], buf, sizeof(buf));
			if (n <= 0)
				_exit(3);
			total += (size_t) n;
		}
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	CHECK_EQ(write(down[1], "g", 1), 1);
	struct pollfd f = { up[0], POLLIN, 0 };
	CHECK_EQ(poll(&f, 1, -1), 1);
	CHECK_EQ(f.revents, POLLIN);
	CHECK_EQ(read(up[0], buf, sizeof(buf)), 2);
	memset(buf, 'z', sizeof(buf));
	CHECK_EQ(write(down[1], buf, sizeof(buf)), (ssize_t) sizeof(buf));
	struct pollfd w = { down[1], POLLOUT, 0 };
	CHECK_EQ(poll(&w, 1, -1), 1);
	CHECK_EQ(w.revents, POLLOUT);
	CHECK_EQ(write(down[1], "!", 1), 1);
	EXPECT_EXIT(pid, 0);
	close(down[1]);
	close(up[0]);
}

static volatile int got_usr1;

static void on_usr1(int sig)
{
	(void) sig;
	got_usr1 = 1;
}

/* A signal ends a poll that waits for ever: EINTR. The child signals
 * until the parent tells it to stop (the parent may not be polling yet
 * when the first one comes). */
TEST(poll_signal)
{
	int p[2], stop[2];
	CHECK_SYS(pipe(p));
	CHECK_SYS(pipe(stop));
	ut_catch(SIGUSR1, on_usr1);
	pid_t parent = getpid();
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(stop[1]);
		struct pollfd s = { stop[0], POLLIN, 0 };
		while (poll(&s, 1, 20) == 0)
			kill(parent, SIGUSR1);
		_exit(0);
	}
	close(stop[0]);
	struct pollfd f = { p[0], POLLIN, 0 };
	int r;
	do {
		got_usr1 = 0;
		r = poll(&f, 1, -1);
	} while (r < 0 && errno == EINTR && !got_usr1);
	CHECK_EQ(r, -1);
	CHECK_EQ(errno, EINTR);
	CHECK(got_usr1);
	close(stop[1]);
	EXPECT_EXIT(pid, 0);
	close(p[0]);
	close(p[1]);
}

/* select: the sets come back with what is ready; a timeout gives 0 and
 * empty sets; a closed descriptor is EBADF. */
TEST(select_pipe)
{
	int p[2];
	CHECK_SYS(pipe(p));
	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	struct timeval tv = { 0, 0 };
	int n = p[0] > p[1] ? p[0] + 1 : p[1] + 1;
	CHECK_EQ(select(n, &r, &w, NULL, &tv), 1);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK(FD_ISSET(p[1], &w));
	FD_SET(p[0], &r);
	tv.tv_usec = 20000;
	CHECK_EQ(select(n, &r, NULL, NULL, &tv), 0);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK_EQ(write(p[1], "y", 1), 1);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	CHECK_EQ(select(n, &r, &w, NULL, NULL), 2);
	CHECK(FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w));
	close(p[1]);
	FD_ZERO(&w);
	FD_SET(p[1], &w);
	errno = 0;
	CHECK_EQ(select(n, NULL, &w, NULL, &tv), -1);
	CHECK_EQ(errno, EBADF);
	close(p[0]);
}
