/* PM process cases: identity, fork, exit and wait, kill, groups and
 * sessions, exec without a VFS, system information, bad requests. */
#include <string.h>
#include "pmtest.h"

static int exit_with(void *arg)
{
	return (int) (intptr_t) arg;
}

/* sleeper: a helper that sleeps (until killed). */
static int sleeper(void *arg)
{
	(void) arg;
	t_sleep(100000, NULL);
	return 3;
}

TEST(pm_getpid)
{
	struct mess_pm_ids me;
	int pid = t_getpid(&me);
	CHECK(pid > 1);
	CHECK_EQ(me.pid, pid);
	CHECK(me.ppid > 1);          /* the runner */
	CHECK(me.pgid > 1);
	/* PM (slot 1) is the first system process: pid 2. */
	static struct pm_proc_info tab[2 * PRIV_SLOTS];
	int r = t_sysinfo(SI_PROCTAB, tab, sizeof(tab));
	CHECK(r > 0);
	int found_pm = 0, found_me = 0;
	for (int i = 0; i < r / (int) sizeof(tab[0]); i++) {
		if (strcmp(tab[i].name, "pm") == 0) {
			CHECK_EQ(tab[i].pid, 2);
			CHECK_EQ(tab[i].ppid, 0);
			CHECK_EQ(tab[i].system, 1);
			CHECK_EQ(tab[i].endpoint, PM_EP);
			found_pm = 1;
		}
		if (tab[i].pid == pid) {
			CHECK_EQ(tab[i].system, 0);
			CHECK_EQ(tab[i].ppid, me.ppid);
			found_me = 1;
		}
	}
	CHECK(found_pm && found_me);
}

/* report_ids: the child's view: it exits 0 when its ppid is PARENT. */
static int report_ids(void *arg)
{
	struct mess_pm_ids ids;
	t_getpid(&ids);
	return ids.ppid == (int) (intptr_t) arg ? 0 : 1;
}

TEST(pm_fork_and_wait)
{
	int me = t_getpid(NULL);
	int pid = t_child(exit_with, (void *) 42);
	CHECK(pid > 1 && pid != me);
	int status = 0;
	CHECK_EQ(t_waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);
	/* It is gone: no second wait. */
	CHECK_EQ(t_waitpid(pid, &status, 0), -ECHILD);
	CHECK_EQ(t_waitpid(-1, &status, 0), -ECHILD);
	CHECK_EQ(t_waitpid(-1, &status, WNOHANG), -ECHILD);
	CHECK_EQ(t_waitpid(-1, &status, 0x100), -EINVAL);
	/* The child knows its parent. */
	pid = t_child(report_ids, (void *) (intptr_t) me);
	status = t_wait_status(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

TEST(pm_wait_any_and_nohang)
{
	int a = t_child(sleeper, NULL);
	int status = -1;
	CHECK_EQ(t_waitpid(a, &status, WNOHANG), 0);
	CHECK_EQ(t_waitpid(-1, &status, WNOHANG), 0);
	int b = t_child(exit_with, (void *) 7);
	CHECK_EQ(t_waitpid(-1, &status, 0), b);
	CHECK_EQ(WEXITSTATUS(status), 7);
	CHECK_EQ(t_kill(a, SIGTERM), 0);
	CHECK_EQ(t_waitpid(-1, &status, 0), a);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
}

/* kernel_exit: a helper that ends with SYS_EXIT (the kernel tells PM). */
static int kernel_exit(void *arg)
{
	(void) arg;
	sys_exit(9);
}

TEST(pm_exit_through_the_kernel)
{
	int status = t_wait_status(t_child(kernel_exit, NULL));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 9);
}

/* wait_in_group: exit 0 once waitpid(0) (own group) collected a child
 * that exits 5. */
static int wait_in_group(void *arg)
{
	(void) arg;
	int pid = t_child(exit_with, (void *) 5);
	int status;
	if (t_waitpid(0, &status, 0) != pid || WEXITSTATUS(status) != 5)
		return 1;
	return 0;
}

TEST(pm_wait_for_a_group)
{
	int status = t_wait_status(t_child(wait_in_group, NULL));
	CHECK_EQ(WEXITSTATUS(status), 0);
	/* A child in another group is not found by waitpid(0). */
	int pid = t_child(sleeper, NULL);
	CHECK_EQ(t_setpgid(pid, pid), 0);
	CHECK_EQ(t_waitpid(0, &status, WNOHANG), -ECHILD);
	CHECK_EQ(t_waitpid(-pid, &status, WNOHANG), 0);
	CHECK_EQ(t_kill(-pid, SIGKILL), 0);
	CHECK_EQ(t_waitpid(-pid, &status, 0), pid);
	CHECK_EQ(WTERMSIG(status), SIGKILL);
}

TEST(pm_kill_errors)
{
	CHECK_EQ(t_kill(29999, SIGTERM), -ESRCH);
	CHECK_EQ(t_kill(-29999, SIGTERM), -ESRCH);
	CHECK_EQ(t_kill(2, SIGTERM), -EPERM);     /* PM is a system process */
	CHECK_EQ(t_kill(2, 0), -EPERM);
	CHECK_EQ(t_kill(t_getpid(NULL), 0), 0);
	CHECK_EQ(t_kill(t_getpid(NULL), NSIG), -EINVAL);
	CHECK_EQ(t_kill(t_getpid(NULL), -1), -EINVAL);
	CHECK_EQ(t_kill(t_getpid(NULL), SIGKEXIT), -EINVAL);
	struct mess_pm_ids ids;
	t_getpid(&ids);
	CHECK_EQ(t_kill(ids.ppid, SIGTERM), -EPERM);   /* the runner */
}

TEST(pm_kill_default_actions)
{
	int pid = t_child(sleeper, NULL);
	CHECK_EQ(t_kill(pid, SIGCHLD), 0);      /* ignored by default */
	CHECK_EQ(t_kill(pid, SIGWINCH), 0);
	CHECK_EQ(t_kill(pid, SIGSTOP), 0);      /* ignored in this issue */
	int status;
	CHECK_EQ(t_waitpid(pid, &status, WNOHANG), 0);
	CHECK_EQ(t_kill(pid, SIGUSR1), 0);
	status = t_wait_status(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGUSR1);
	/* A zombie can be signalled; nothing happens. */
	pid = t_child(exit_with, (void *) 1);
	t_sleep(5, NULL);
	CHECK_EQ(t_kill(pid, SIGTERM), 0);
	status = t_wait_status(pid);
	CHECK(WIFEXITED(status));
}

/* suicide: a helper that kills itself with ARG. */
static int suicide(void *arg)
{
	t_kill(t_getpid(NULL), (int) (intptr_t) arg);
	return 50;
}

TEST(pm_kill_self)
{
	int status = t_wait_status(t_child(suicide, (void *) SIGTERM));
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
	status = t_wait_status(t_child(suicide, (void *) SIGKILL));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
}

/* group_leader: make a group of ARG sleepers, then sleep. */
static int group_leader(void *arg)
{
	if (t_setpgid(0, 0) != 0)
		return 20;
	for (int i = 0; i < (int) (intptr_t) arg; i++)
		t_child(sleeper, NULL);
	t_sleep(100000, NULL);
	return 21;
}

TEST(pm_kill_a_group)
{
	int leader = t_child(group_leader, (void *) 3);
	t_sleep(10, NULL);
	CHECK_EQ(t_kill(-leader, 0), 0);
	CHECK_EQ(t_kill(-leader, SIGTERM), 0);
	int status = t_wait_status(leader);
	CHECK_EQ(WTERMSIG(status), SIGTERM);
	t_sleep(5, NULL);
	CHECK_EQ(t_kill(-leader, 0), -ESRCH);   /* the sleepers died too */
}

/* setsid_child: setsid works for a process that leads no group. */
static int setsid_child(void *arg)
{
	(void) arg;
	struct mess_pm_ids ids;
	int pid = t_getpid(&ids);
	if (t_setsid() != pid)
		return 30;
	t_getpid(&ids);
	if (ids.pgid != pid)
		return 31;
	if (t_setsid() != -EPERM)         /* a group leader now */
		return 32;
	if (t_setpgid(0, 0) != -EPERM)    /* a session leader */
		return 33;
	return 0;
}

TEST(pm_groups_and_sessions)
{
	struct mess_pm_ids ids;
	int me = t_getpid(&ids);
	CHECK(ids.pgid != me);
	CHECK_EQ(t_setpgid(0, 0), 0);
	t_getpid(&ids);
	CHECK_EQ(ids.pgid, me);
	CHECK_EQ(t_setsid(), -EPERM);
	int pid = t_child(sleeper, NULL);
	CHECK_EQ(t_setpgid(pid, 0), 0);
	CHECK_EQ(t_setpgid(pid, me), 0);       /* back into my group */
	CHECK_EQ(t_setpgid(pid, 12345), -EPERM);
	CHECK_EQ(t_setpgid(pid, -1), -EINVAL);
	CHECK_EQ(t_setpgid(29999, 0), -ESRCH);
	CHECK_EQ(t_setpgid(ids.ppid, 0), -ESRCH);   /* not my child */
	CHECK_EQ(t_kill(pid, SIGKILL), 0);
	t_wait_status(pid);
	int status = t_wait_status(t_child(setsid_child, NULL));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

TEST(pm_exec_without_vfs)
{
	message m = { 0 };
	static const char path[] = "/bin/true", frame[] = "true";
	m.u.pm_exec.path = (vir_bytes) path;
	m.u.pm_exec.path_len = sizeof(path) - 1;
	m.u.pm_exec.frame = (vir_bytes) frame;
	m.u.pm_exec.frame_len = sizeof(frame);
	m.u.pm_exec.argc = 1;
	CHECK_EQ(pm_request(PM_EXEC, &m), -ENOENT);
	m.u.pm_exec.path_len = PATH_MAX;
	CHECK_EQ(pm_request(PM_EXEC, &m), -ENAMETOOLONG);
	m.u.pm_exec.path_len = sizeof(path) - 1;
	m.u.pm_exec.frame_len = 4097;
	CHECK_EQ(pm_request(PM_EXEC, &m), -E2BIG);
	m.u.pm_exec.frame_len = sizeof(frame);
	m.u.pm_exec.path = 0x10;
	CHECK_EQ(pm_request(PM_EXEC, &m), -EFAULT);
}

TEST(pm_sysinfo)
{
	static struct pm_proc_info tab[2 * PRIV_SLOTS];
	int r = t_sysinfo(SI_PROCTAB, tab, sizeof(tab));
	CHECK(r > 0 && r % (int) sizeof(tab[0]) == 0);
	int n = r / (int) sizeof(tab[0]), names = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(tab[i].name, "mm") == 0 ||
		    strcmp(tab[i].name, "pmtest") == 0)
			names++;
		CHECK(strchr("RSTZ", tab[i].state) != NULL);
	}
	CHECK(names >= 2);
	CHECK_EQ(t_sysinfo(SI_PROCTAB, tab, sizeof(tab[0])), -E2BIG);
	CHECK_EQ(t_sysinfo(SI_PROCTAB, (void *) 0x10, sizeof(tab)), -EFAULT);
	/* A zombie is listed as such. */
	int pid = t_child(exit_with, (void *) 0);
	t_sleep(5, NULL);
	r = t_sysinfo(SI_PROCTAB, tab, sizeof(tab));
	int zombie = 0;
	for (int i = 0; i < r / (int) sizeof(tab[0]); i++)
		if (tab[i].pid == pid && tab[i].state == 'Z')
			zombie = 1;
	CHECK(zombie);
	t_wait_status(pid);

	struct kinfo k;
	CHECK_EQ(t_sysinfo(SI_KINFO, &k, sizeof(k)), (int) sizeof(k));
	CHECK_EQ(k.hz, HZ_TICKS);
	CHECK_EQ(t_sysinfo(SI_KINFO, &k, 4), -E2BIG);

	static char log[8192];
	r = t_sysinfo(SI_KLOG, log, sizeof(log) - 1);
	CHECK(r > 0 && r < (int) sizeof(log));
	log[r] = '\0';
	int found = 0;
	for (int i = 0; log[i]; i++)
		if (strncmp(&log[i], "mm: memory manager ready", 24) == 0)
			found = 1;
	CHECK(found);
	CHECK_EQ(t_sysinfo(99, log, sizeof(log)), -EINVAL);
}

TEST(pm_bad_requests)
{
	message m = { 0 };
	CHECK_EQ(pm_request(PM_BASE + 77, &m), -ENOSYS);
	CHECK_EQ(pm_request(0x12345, &m), -ENOSYS);
	m.u.pm_reboot.how = 7;
	CHECK_EQ(pm_request(PM_REBOOT, &m), -EINVAL);
	struct k_sigaction act;
	CHECK_EQ(t_sigaction(0, NULL, &act), -EINVAL);
	CHECK_EQ(t_sigaction(NSIG, NULL, &act), -EINVAL);
	CHECK_EQ(t_sigaction(SIGUSR1, (void *) 0x10, NULL), -EFAULT);
	CHECK_EQ(t_sigaction(SIGUSR1, NULL, (void *) 0x10), -EFAULT);
	CHECK_EQ(t_sigprocmask(9, 0, NULL), -EINVAL);
}
