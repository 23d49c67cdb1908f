/* usertests: users and groups: setuid and setgid (POSIX: root sets all
 * its ids, anybody else only its effective id to its real or saved one),
 * credentials inherited by fork, and what a process of another user may
 * not do to root's (signal it, move it to another group, reboot). The
 * cases that change ids need root; run as another user they check only
 * the refusals. The user they become is student, 1000:1000. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#ifdef __phoenix__
#include <phoenix.h>
#endif
#include "ut.h"

#define STUDENT 1000

/* become_student: the calling child becomes student (group first: setuid
 * gives root up). */
static void become_student(void)
{
	CHECK_SYS(setgid(STUDENT));
	CHECK_SYS(setuid(STUDENT));
	CHECK_EQ(getuid(), STUDENT);
	CHECK_EQ(geteuid(), STUDENT);
	CHECK_EQ(getgid(), STUDENT);
	CHECK_EQ(getegid(), STUDENT);
}

/* start_sleeper: a child that waits until its parent closes the write end
 * of the pipe it returns in *FD (read end closed here). */
static pid_t start_sleeper(int *fd)
{
	int pfd[2];
	CHECK_SYS(pipe(pfd));
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(pfd[1]);
		char c;
		while (read(pfd[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(pfd[0]);
	*fd = pfd[1];
	return pid;
}

/* setuid and setgid: root sets real, effective and saved; afterwards the
 * process may only set its own id again, never 0. */
TEST(setuid_semantics)
{
	if (geteuid() != 0) {
		if (getuid() != 0)
			CHECK_ERR(setuid(0), EPERM);
		CHECK_SYS(setuid(getuid()));
		return;
	}
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setgid(STUDENT));
		CHECK_EQ(getgid(), STUDENT);
		CHECK_EQ(getegid(), STUDENT);
		CHECK_EQ(getuid(), 0);          /* the user is still root */
		CHECK_SYS(setgid(0));           /* root may go back */
		become_student();
		CHECK_ERR(setuid(0), EPERM);
		CHECK_ERR(setgid(0), EPERM);
		CHECK_ERR(setuid(STUDENT + 1), EPERM);
		CHECK_ERR(setgid(STUDENT + 1), EPERM);
		CHECK_SYS(setuid(STUDENT));     /* its own id: allowed */
		CHECK_SYS(setgid(STUDENT));
		CHECK_EQ(geteuid(), STUDENT);
		CHECK_EQ(getegid(), STUDENT);
		_exit(0);
	}
	EXPECT_EXIT(pid, 0);
}

/* A child of a student process is a student process. */
TEST(fork_keeps_ids)
{
	if (geteuid() != 0)
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		become_student();
		pid_t child = ut_fork();
		if (child == 0)
			_exit(getuid() == STUDENT && geteuid() == STUDENT &&
			    getgid() == STUDENT && getegid() == STUDENT ? 0 : 1);
		EXPECT_EXIT(child, 0);
		_exit(0);
	}
	EXPECT_EXIT(pid, 0);
}

/* A student process may not signal root's (not even check it with signal
 * 0), but may signal its own. */
TEST(kill_other_user)
{
	if (geteuid() != 0)
		return;
	int fd;
	pid_t root_child = start_sleeper(&fd);
	pid_t pid = ut_fork();
	if (pid == 0) {
		become_student();
		CHECK_ERR(kill(root_child, SIGKILL), EPERM);
		CHECK_ERR(kill(root_child, SIGTERM), EPERM);
		CHECK_ERR(kill(root_child, 0), EPERM);
		int own_fd;
		pid_t own = start_sleeper(&own_fd);
		CHECK_SYS(kill(own, 0));
#ifdef __phoenix__
		/* -1: every process it may signal, root's left alone. */
		CHECK_SYS(kill(-1, SIGKILL));
#else
		CHECK_SYS(kill(own, SIGKILL));
#endif
		EXPECT_SIGNAL(own, SIGKILL);
		_exit(0);
	}
	EXPECT_EXIT(pid, 0);
	CHECK_SYS(kill(root_child, 0));      /* still there */
	close(fd);
	EXPECT_EXIT(root_child, 0);
}

#ifdef __phoenix__
/* A student may neither reboot nor power off. */
TEST(reboot_refused)
{
	if (geteuid() == 0) {
		pid_t pid = ut_fork();
		if (pid == 0) {
			become_student();
			CHECK_ERR(reboot(SHUTDOWN_REBOOT), EPERM);
			CHECK_ERR(reboot(SHUTDOWN_POWEROFF), EPERM);
			_exit(0);
		}
		EXPECT_EXIT(pid, 0);
		return;
	}
	CHECK_ERR(reboot(SHUTDOWN_REBOOT), EPERM);
}

/* A process that became student may not move its root child to another
 * group (Linux allows it: Phoenix only), but may move a student child. */
TEST(setpgid_other_user)
{
	if (geteuid() != 0)
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		int fd, own_fd;
		pid_t root_child = start_sleeper(&fd);
		become_student();
		CHECK_ERR(setpgid(root_child, root_child), EPERM);
		CHECK_ERR(setpgid(root_child, getpgrp()), EPERM);
		pid_t own = start_sleeper(&own_fd);
		CHECK_SYS(setpgid(own, own));
		close(fd);
		close(own_fd);
		EXPECT_EXIT(root_child, 0);
		EXPECT_EXIT(own, 0);
		_exit(0);
	}
	EXPECT_EXIT(pid, 0);
}
#endif
