/* usertests: bad inputs. Bad pointers (EFAULT), bad descriptors (EBADF),
 * overlong paths and names (ENAMETOOLONG), a directory opened for writing
 * (EISDIR), exec of what cannot run, kill of a process that does not
 * exist (ESRCH): every call fails cleanly and the process lives on. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ut.h"

extern char **environ;

/* Addresses no user process may read or write: unmapped low memory, and
 * on Phoenix the kernel (identity-mapped below 1 GiB, supervisor only) and
 * the top of the address space. */
static void *const bad_pointers[] = {
	(void *) 1,
	(void *) 0x1000,
#ifdef __phoenix__
	(void *) 0x00100000,
	(void *) 0xc0001000,
	(void *) 0xfffff000,
#endif
};

#define NBAD (sizeof(bad_pointers) / sizeof(bad_pointers[0]))

/* read, write, fstat and stat with a bad buffer fail with EFAULT, on a
 * file and on a pipe with data in it, and leave the file intact. */
TEST(efault_buf)
{
	int fd = (int) CHECK_SYS(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(write(fd, "some data", 9), 9);
	for (size_t i = 0; i < NBAD; i++) {
		void *bad = bad_pointers[i];
		CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
		CHECK_ERR(read(fd, bad, 9), EFAULT);
		CHECK_ERR(write(fd, bad, 9), EFAULT);
		CHECK_ERR(fstat(fd, (struct stat *) bad), EFAULT);
		CHECK_ERR(stat("f", (struct stat *) bad), EFAULT);
		int pfd[2];
		CHECK_SYS(pipe(pfd));
		CHECK_EQ(write(pfd[1], "abc", 3), 3);
		CHECK_ERR(read(pfd[0], bad, 3), EFAULT);
		CHECK_ERR(write(pfd[1], bad, 3), EFAULT);
		close(pfd[0]);
		close(pfd[1]);
	}
	char buf[16];
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 9);
	CHECK(memcmp(buf, "some data", 9) == 0);
	close(fd);
}

/* open, stat, mkdir, chdir and unlink with a bad path pointer fail with
 * EFAULT (the process must not fault reading the path itself). */
TEST(efault_path)
{
	struct stat st;
	for (size_t i = 0; i < NBAD; i++) {
		const char *bad = bad_pointers[i];
		CHECK_ERR(open(bad, O_RDONLY), EFAULT);
		CHECK_ERR(open(bad, O_RDWR | O_CREAT, 0644), EFAULT);
		CHECK_ERR(stat(bad, &st), EFAULT);
		CHECK_ERR(mkdir(bad, 0755), EFAULT);
		CHECK_ERR(chdir(bad), EFAULT);
		CHECK_ERR(unlink(bad), EFAULT);
	}
	int fd = (int) CHECK_SYS(open("still-works", O_RDWR | O_CREAT, 0644));
	close(fd);
}

/* pipe with a bad array fails with EFAULT (libc does not write it
 * itself) and leaves no descriptor open behind. */
TEST(efault_pipe)
{
	int lowest = (int) CHECK_SYS(dup(0));
	CHECK_SYS(close(lowest));
	for (size_t i = 0; i < NBAD; i++) {
		int *volatile bad = bad_pointers[i];   /* hidden from gcc */
		CHECK_ERR(pipe(bad), EFAULT);
	}
	CHECK_EQ(dup(0), lowest);
	int fds[2];
	CHECK_SYS(pipe(fds));
	CHECK_EQ(write(fds[1], "p", 1), 1);
	char c;
	CHECK_EQ(read(fds[0], &c, 1), 1);
}

/* execve with a bad path, a bad argv or envp array, or a bad string in
 * one fails with EFAULT (nobody in the caller reads them) and the
 * process lives on and can still exec. */
TEST(efault_exec)
{
	char *argv[] = { "true", NULL };
	for (size_t i = 0; i < NBAD; i++) {
		char *bad = bad_pointers[i];
		char *bad_argv[] = { "true", bad, NULL };
		char *bad_envp[] = { "A=1", bad, NULL };
		CHECK_ERR(execve(bad, argv, environ), EFAULT);
		CHECK_ERR(execve("/bin/true", (char **) bad, environ), EFAULT);
		CHECK_ERR(execve("/bin/true", bad_argv, environ), EFAULT);
		CHECK_ERR(execve("/bin/true", argv, (char **) bad), EFAULT);
		CHECK_ERR(execve("/bin/true", argv, bad_envp), EFAULT);
	}
	pid_t pid = ut_fork();
	if (pid == 0) {
		execve("/bin/true", argv, environ);
		_exit(99);
	}
	EXPECT_EXIT(pid, 0);
}

/* waitpid with a bad status pointer fails with EFAULT (libc does not
 * write it itself). On Phoenix the child stays to be waited for (Linux
 * reaps it anyway). */
TEST(efault_wait)
{
	pid_t pid = ut_fork();
	if (pid == 0)
		_exit(7);
	for (size_t i = 0; i < NBAD; i++) {
		int *volatile bad = bad_pointers[i];   /* hidden from gcc */
		CHECK_ERR(waitpid(pid, bad, 0), EFAULT);
#ifndef __phoenix__
		return;                  /* the child is gone */
#endif
	}
	EXPECT_EXIT(pid, 7);
}

#ifdef __phoenix__
/* The signal calls with a bad pointer fail with EFAULT and change
 * nothing: PM reads and writes the caller's structures itself. (Linux's
 * C library reads some of them itself: Phoenix only.) */
TEST(efault_signals)
{
	struct sigaction old;
	sigset_t mask, before;
	CHECK_SYS(sigprocmask(SIG_SETMASK, NULL, &before));
	for (size_t i = 0; i < NBAD; i++) {
		void *bad = bad_pointers[i];
		CHECK_ERR(sigaction(SIGUSR1, bad, NULL), EFAULT);
		CHECK_ERR(sigaction(SIGUSR1, NULL, bad), EFAULT);
		CHECK_ERR(sigprocmask(SIG_BLOCK, bad, NULL), EFAULT);
		CHECK_ERR(sigprocmask(SIG_BLOCK, NULL, bad), EFAULT);
		CHECK_ERR(sigpending(bad), EFAULT);
		CHECK_ERR(sigsuspend(bad), EFAULT);
	}
	CHECK_SYS(sigaction(SIGUSR1, NULL, &old));
	CHECK(old.sa_handler == SIG_DFL);
	CHECK_SYS(sigprocmask(SIG_SETMASK, NULL, &mask));
	CHECK_EQ(mask, before);
}
#endif

/* Calls on descriptors that are not open fail with EBADF. */
TEST(ebadf)
{
	static const int bad_fds[] = { -1, 31, 99, 1000000 };
	char buf[4];
	struct stat st;
	int closed = (int) CHECK_SYS(dup(0));
	CHECK_SYS(close(closed));
	for (size_t i = 0; i <= sizeof(bad_fds) / sizeof(bad_fds[0]); i++) {
		int fd = i < sizeof(bad_fds) / sizeof(bad_fds[0]) ? bad_fds[i] : closed;
		CHECK_ERR(read(fd, buf, 1), EBADF);
		CHECK_ERR(write(fd, "x", 1), EBADF);
		CHECK_ERR(close(fd), EBADF);
		CHECK_ERR(dup(fd), EBADF);
		CHECK_ERR(dup2(fd, 20), EBADF);
		CHECK_ERR(fstat(fd, &st), EBADF);
		CHECK_ERR(lseek(fd, 0, SEEK_SET), EBADF);
	}
	CHECK_ERR(dup2(0, -1), EBADF);
	CHECK_ERR(dup2(0, 1000000), EBADF);
}

/* A name component longer than any file system allows, and (Phoenix) a
 * path longer than PATH_MAX, fail with ENAMETOOLONG. */
TEST(nametoolong)
{
	char name[301];
	struct stat st;
	memset(name, 'n', 300);
	name[300] = '\0';
	CHECK_ERR(open(name, O_RDWR | O_CREAT, 0644), ENAMETOOLONG);
	CHECK_ERR(stat(name, &st), ENAMETOOLONG);
	CHECK_ERR(mkdir(name, 0755), ENAMETOOLONG);
	CHECK_ERR(unlink(name), ENAMETOOLONG);
	CHECK_ERR(chdir(name), ENAMETOOLONG);
#ifdef __phoenix__
	/* 300 bytes of short components: "a/a/a/.../a". */
	char path[301];
	for (int i = 0; i < 300; i++)
		path[i] = i % 2 ? '/' : 'a';
	path[299] = 'a';
	path[300] = '\0';
	CHECK_ERR(open(path, O_RDONLY), ENAMETOOLONG);
	CHECK_ERR(stat(path, &st), ENAMETOOLONG);
	CHECK_ERR(mkdir(path, 0755), ENAMETOOLONG);
#endif
	/* The process still works. */
	int fd = (int) CHECK_SYS(open("short", O_RDWR | O_CREAT, 0644));
	close(fd);
}

/* A directory cannot be opened for writing. */
TEST(eisdir)
{
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(open("d", O_WRONLY), EISDIR);
	CHECK_ERR(open("d", O_RDWR), EISDIR);
	CHECK_ERR(open("/", O_WRONLY), EISDIR);
	int fd = (int) CHECK_SYS(open("d", O_RDONLY));   /* reading is fine */
	close(fd);
}

/* exec of a missing file, a text file, a directory and a file without
 * execute permission fails with -1 and the process carries on. */
TEST(exec_bad)
{
	char *argv[] = { "x", NULL };
	CHECK_ERR(execve("./missing", argv, environ), ENOENT);
	CHECK_ERR(execve("/no/such/dir/prog", argv, environ), ENOENT);

	int fd = (int) CHECK_SYS(open("text", O_WRONLY | O_CREAT, 0755));
	ut_write_all(fd, "not a program\n", 14);
	close(fd);
	errno = 0;
	CHECK_EQ(execve("./text", argv, environ), -1);
	CHECK(errno == ENOEXEC || errno == EACCES);

	CHECK_SYS(mkdir("d", 0755));
	errno = 0;
	CHECK_EQ(execve("./d", argv, environ), -1);
	CHECK(errno == EACCES || errno == EISDIR || errno == ENOEXEC);

	/* A truncated copy of a real program. */
	int in = open("/bin/echo", O_RDONLY);
	if (in >= 0) {
		char head[64];
		ssize_t n = read(in, head, sizeof(head));
		close(in);
		fd = (int) CHECK_SYS(open("short", O_WRONLY | O_CREAT, 0755));
		if (n > 0)
			ut_write_all(fd, head, (size_t) n);
		close(fd);
		errno = 0;
		CHECK_EQ(execve("./short", argv, environ), -1);
		CHECK(errno == ENOEXEC || errno == EACCES || errno == EIO);
	}
	/* Still alive and able to exec a real program. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		char *targv[] = { "true", NULL };
		execve("/bin/true", targv, environ);
		_exit(99);
	}
	EXPECT_EXIT(pid, 0);
}

/* kill of a process that does not exist (any more) fails with ESRCH; a
 * bad signal number with EINVAL. */
TEST(esrch)
{
	pid_t pid = ut_fork();
	if (pid == 0)
		_exit(0);
	EXPECT_EXIT(pid, 0);
	CHECK_ERR(kill(pid, SIGTERM), ESRCH);
	CHECK_ERR(kill(pid, 0), ESRCH);
	CHECK_ERR(kill(-pid, SIGTERM), ESRCH);       /* no such group */
	CHECK_ERR(kill(getpid(), -1), EINVAL);
	CHECK_SYS(kill(getpid(), 0));
	CHECK_ERR(waitpid(pid, NULL, 0), ECHILD);
}
