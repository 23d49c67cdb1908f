/* vfsstate: a family of processes holding every kind of VFS state while
 * the harness crashes or updates VFS or rootfs, and the proof afterwards
 * that all of it survived.
 *
 *   vfsstate DIR [TTY]
 *
 * Makes DIR (and DIR/sub with the file "hello"), writes DIR/data (1000
 * bytes of a pattern), then holds: DIR/data open at offset 337; a pipe
 * with 16 unread bytes; DIR/sub as working directory; a child blocked
 * reading an empty pipe; with TTY, a child blocked reading that terminal
 * (a line nobody types on, e.g. /dev/agent). It writes its pid to
 * DIR/ready and waits for SIGUSR1 (in PM: no VFS call waits). Then it
 * checks, with the same descriptors: the next 100 bytes of the file are
 * the pattern from 337; the pipe gives the 16 bytes; getcwd is DIR/sub
 * and "hello" there reads as written; the pipe child, sent "wake", reads
 * exactly that; the terminal child, sent SIGUSR1, sees its read end with
 * EINTR. It prints and writes to DIR/result "vfsstate: ok" or
 * "vfsstate: FAIL WHAT" (exit 0 or 1). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define DATA_LEN  1000
#define OFFSET    337
#define CHECK_LEN 100
static const char pipe_data[] = "unread pipe data";
static const char hello[] = "hello from before\n";

static char dir[200];
static char failure[256];
static volatile sig_atomic_t go;

/* pattern: byte I of DIR/data. */
static char pattern(int i)
{
	return (char) ('a' + (i * 7 + 3) % 26);
}

/* on_usr1: the signal that ends a wait (no other action). */
static void on_usr1(int sig)
{
	(void) sig;
	go = 1;
}

/* fail: record the first failure WHAT (printf format). */
static void fail(const char *what, int value)
{
	if (!failure[0])
		snprintf(failure, sizeof(failure), "%s (%d, errno %d)", what,
		    value, errno);
}

/* write_file: PATH gets LEN bytes of DATA; 0 or -1. */
static int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	int ok = write(fd, data, len) == (ssize_t) len;
	return close(fd) == 0 && ok ? 0 : -1;
}

/* catch_usr1: SIGUSR1 runs on_usr1 (no SA_RESTART: a read ends). */
static void catch_usr1(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
}

/* pipe_child: read the pipe FD (blocks until the parent writes) and
 * exit 0 when it gave "wake". */
static void pipe_child(int fd)
{
	char buf[32];
	ssize_t n = read(fd, buf, sizeof(buf));
	_exit(n == 4 && memcmp(buf, "wake", 4) == 0 ? 0 : 2);
}

/* tty_child: read the terminal TTY (nobody types there) until SIGUSR1;
 * exit 0 when the read ended with EINTR. A byte on SYNC says the
 * terminal is open. */
static void tty_child(const char *tty, int sync)
{
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	int fd = open(tty, O_RDONLY);
	if (fd < 0)
		_exit(3);
	char buf[32];
	if (write(sync, "1", 1) != 1)
		_exit(5);
	close(sync);
	ssize_t n = read(fd, buf, sizeof(buf));
	_exit(n < 0 && errno == EINTR ? 0 : 4);
}

/* setup: the files, then the state; returns the fds and children. */
static int setup(int *fd, int p1[2], int p2[2], pid_t *reader, pid_t *ttyr,
    const char *tty)
{
	char path[256], data[DATA_LEN];
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/sub", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sub/hello", dir);
	if (write_file(path, hello, sizeof(hello) - 1) != 0)
		return -1;
	for (int i = 0; i < DATA_LEN; i++)
		data[i] = pattern(i);
	snprintf(path, sizeof(path), "%s/data", dir);
	if (write_file(path, data, DATA_LEN) != 0)
		return -1;
	*fd = open(path, O_RDONLY);
	if (*fd < 0 || lseek(*fd, OFFSET, SEEK_SET) != OFFSET)
		return -1;
	if (pipe(p1) != 0 || write(p1[1], pipe_data, 16) != 16)
		return -1;
	if (pipe(p2) != 0)
		return -1;
	*reader = fork();
	if (*reader == 0) {
		close(p2[1]);
		pipe_child(p2[0]);
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	if (*reader < 0 || chdir(path) != 0)
		return -1;
	*ttyr = -1;
	if (tty) {
		int sync[2];
		char c;
		if (pipe(sync) != 0)
			return -1;
		*ttyr = fork();
		if (*ttyr == 0)
			tty_child(tty, sync[1]);
		close(sync[1]);
		if (*ttyr < 0 || read(sync[0], &c, 1) != 1)
			return -1;
		close(sync[0]);
	}
	return 0;
}

/* verify: everything held since setup is as it was. */
static void verify(int fd, int p1[2], int p2[2], pid_t reader, pid_t ttyr)
{
	char buf[CHECK_LEN + 1], want[256];
	ssize_t n = read(fd, buf, CHECK_LEN);
	if (n != CHECK_LEN)
		fail("read of the open file", (int) n);
	for (int i = 0; i < n; i++)
		if (buf[i] != pattern(OFFSET + i)) {
			fail("the open file's offset or data changed", i);
			break;
		}
	n = read(p1[0], buf, sizeof(buf));
	if (n != 16 || memcmp(buf, pipe_data, 16) != 0)
		fail("the pipe's unread data", (int) n);
	snprintf(want, sizeof(want), "%s/sub", dir);
	if (!getcwd(buf, sizeof(buf)) || strcmp(buf, want) != 0)
		fail("the working directory", 0);
	int h = open("hello", O_RDONLY);
	n = h < 0 ? -1 : read(h, buf, sizeof(buf));
	if (n != (ssize_t) sizeof(hello) - 1 || memcmp(buf, hello, n) != 0)
		fail("the file in the working directory", (int) n);
	if (h >= 0)
		close(h);
	if (write(p2[1], "wake", 4) != 4)
		fail("the write to the waiting reader", 0);
	int status;
	if (waitpid(reader, &status, 0) != reader || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		fail("the reader blocked on the pipe", status);
	if (ttyr > 0) {
		kill(ttyr, SIGUSR1);
		if (waitpid(ttyr, &status, 0) != ttyr || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			fail("the reader blocked on the terminal", status);
	}
}

int main(int argc, char **argv)
{
	int fd, p1[2], p2[2];
	pid_t reader, ttyr;
	char path[256], line[300];
	if (argc < 2 || argc > 3 || strlen(argv[1]) >= sizeof(dir) - 20) {
		fprintf(stderr, "usage: vfsstate DIR [TTY]\n");
		return 2;
	}
	strcpy(dir, argv[1]);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);     /* no wake-up is lost */
	catch_usr1();
	if (setup(&fd, p1, p2, &reader, &ttyr, argc > 2 ? argv[2] : NULL) != 0) {
		printf("vfsstate: FAIL setup (errno %d)\n", errno);
		return 1;
	}
	snprintf(line, sizeof(line), "%d\n", (int) getpid());
	snprintf(path, sizeof(path), "%s/ready", dir);
	write_file(path, line, strlen(line));
	while (!go)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	verify(fd, p1, p2, reader, ttyr);
	snprintf(line, sizeof(line), "vfsstate: %s%s\n",
	    failure[0] ? "FAIL " : "ok", failure);
	snprintf(path, sizeof(path), "%s/result", dir);
	write_file(path, line, strlen(line));
	fputs(line, stdout);
	return failure[0] ? 1 : 0;
}
