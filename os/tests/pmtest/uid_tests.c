/* PM credential cases: PM_GETUID, PM_SETUID and PM_SETGID (POSIX rules),
 * the kernel's mirror of them (sys_getcred, with the pid), fork's copy,
 * and what a process of another user may not do: signal, move to another
 * group, reboot, take root's last process entries. Every case process
 * starts as root (the runner is a system process). */
#include "pmtest.h"

#define STUDENT 1000

static int t_getuid(struct mess_pm_cred *c)
{
	message m = { 0 };
	int r = pm_request(PM_GETUID, &m);
	*c = m.u.pm_cred;
	return r;
}

static int t_setuid(uint32_t uid)
{
	message m = { 0 };
	m.u.pm_cred.ruid = uid;
	return pm_request(PM_SETUID, &m);
}

static int t_setgid(uint32_t gid)
{
	message m = { 0 };
	m.u.pm_cred.rgid = gid;
	return pm_request(PM_SETGID, &m);
}

/* expect_ids: PM and the kernel's mirror both say the caller runs with
 * real/effective uid RU/EU and gid RG/EG, and the mirror has the caller's
 * pid. */
#define expect_ids(ru, eu, rg, eg) do {                                 \
	struct mess_pm_cred c_;                                         \
	CHECK_EQ(t_getuid(&c_), 0);                                     \
	CHECK_EQ(c_.ruid, ru);                                          \
	CHECK_EQ(c_.euid, eu);                                          \
	CHECK_EQ(c_.rgid, rg);                                          \
	CHECK_EQ(c_.egid, eg);                                          \
	struct proc_cred k_;                                            \
	CHECK_EQ(sys_getcred(sys_self(), &k_), 0);                      \
	CHECK_EQ(k_.ruid, ru);                                          \
	CHECK_EQ(k_.euid, eu);                                          \
	CHECK_EQ(k_.rgid, rg);                                          \
	CHECK_EQ(k_.egid, eg);                                          \
	CHECK_EQ(k_.pid, t_getpid(NULL));                               \
} while (0)

static void become_student(void)
{
	CHECK_EQ(t_setgid(STUDENT), 0);
	CHECK_EQ(t_setuid(STUDENT), 0);
	expect_ids(STUDENT, STUDENT, STUDENT, STUDENT);
}

/* sleeper: a helper that sleeps until killed. */
static int sleeper(void *arg)
{
	(void) arg;
	t_sleep(100000, NULL);
	return 3;
}

TEST(cred_root_and_mirror)
{
	expect_ids(0, 0, 0, 0);
}

TEST(cred_setuid_rules)
{
	CHECK_EQ(t_setgid(STUDENT), 0);          /* root: all three */
	expect_ids(0, 0, STUDENT, STUDENT);
	CHECK_EQ(t_setgid(0), 0);
	become_student();
	CHECK_EQ(t_setuid(0), -EPERM);
	CHECK_EQ(t_setgid(0), -EPERM);
	CHECK_EQ(t_setuid(STUDENT + 1), -EPERM);
	CHECK_EQ(t_setgid(STUDENT + 1), -EPERM);
	expect_ids(STUDENT, STUDENT, STUDENT, STUDENT);
	CHECK_EQ(t_setuid(STUDENT), 0);          /* its own: allowed */
	CHECK_EQ(t_setgid(STUDENT), 0);
	expect_ids(STUDENT, STUDENT, STUDENT, STUDENT);
}

/* child_ids: exits 0 when PM and the mirror say student, with its pid. */
static int child_ids(void *arg)
{
	(void) arg;
	expect_ids(STUDENT, STUDENT, STUDENT, STUDENT);
	return 0;
}

TEST(cred_fork_copies)
{
	become_student();
	int pid = t_child(child_ids, NULL);
	int status = t_wait_status(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

/* kill_root: as student, try to signal (and move) root's process ARG;
 * then signal a process of its own. Exits 0 when all went as expected. */
static int kill_root(void *arg)
{
	int root_pid = (int) (intptr_t) arg;
	become_student();
	CHECK_EQ(t_kill(root_pid, SIGKILL), -EPERM);
	CHECK_EQ(t_kill(root_pid, 0), -EPERM);
	int own = t_child(sleeper, NULL);
	CHECK_EQ(t_kill(-1, SIGKILL), 0);        /* spares root's */
	int status = t_wait_status(own);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	return 0;
}

TEST(cred_kill_only_own_user)
{
	int victim = t_child(sleeper, NULL);
	int pid = t_child(kill_root, (void *) (intptr_t) victim);
	int status = t_wait_status(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(t_kill(victim, 0), 0);          /* root's lives on */
	CHECK_EQ(t_kill(victim, SIGKILL), 0);
	status = t_wait_status(victim);
	CHECK(WIFSIGNALED(status));
}

/* move_root_child: fork a child (root), become student, then try to move
 * it to another group; a student child may be moved. Exits 0 when all
 * went as expected (the root child is left for the case to kill). */
static int move_root_child(void *arg)
{
	(void) arg;
	int root_child = t_child(sleeper, NULL);
	become_student();
	CHECK_EQ(t_setpgid(root_child, root_child), -EPERM);
	int own = t_child(sleeper, NULL);
	CHECK_EQ(t_setpgid(own, own), 0);
	CHECK_EQ(t_kill(own, SIGKILL), 0);
	t_wait_status(own);
	return 0;
}

TEST(cred_setpgid_not_across_users)
{
	int pid = t_child(move_root_child, NULL);
	int status = t_wait_status(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(t_kill(-1, SIGKILL), 0);        /* its root child */
}

TEST(cred_reboot_needs_root)
{
	become_student();
	message m = { 0 };
	m.u.pm_reboot.how = SHUTDOWN_REBOOT;
	CHECK_EQ(pm_request(PM_REBOOT, &m), -EPERM);
	m.u.pm_reboot.how = SHUTDOWN_POWEROFF;
	CHECK_EQ(pm_request(PM_REBOOT, &m), -EPERM);
	m.u.pm_reboot.how = 7;
	CHECK_EQ(pm_request(PM_REBOOT, &m), -EPERM);
}

/* fork_all: as student, fork sleepers until PM refuses. Exits 0 when the
 * refusal was -EAGAIN (the table, not memory); the sleepers stay. */
static int fork_all(void *arg)
{
	(void) arg;
	become_student();
	for (int i = 0; i < 2 * PRIV_SLOTS; i++) {
		int pid = t_fork();
		if (pid == 0)
			t_exit(sleeper(NULL));
		if (pid < 0)
			return pid == -EAGAIN ? 0 : 2;
	}
	return 1;
}

TEST(cred_root_keeps_room_to_fork)
{
	int pid = t_child(fork_all, NULL);
	int status = t_wait_status(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	/* student filled what it may; root still forks: the entries PM keeps
	 * for root (2) and the one fork_all's end freed. */
	for (int i = 0; i < 3; i++)
		CHECK(t_child(sleeper, NULL) > 0);
	CHECK_EQ(t_kill(-1, SIGKILL), 0);
	while (t_waitpid(-1, NULL, 0) > 0)
		;
}
