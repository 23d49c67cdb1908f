/* Process identity and groups: getpid, getppid, getpgrp, setpgid, setsid
 * (PM_GETPID, PM_SETPGID, PM_SETSID). */
#include <unistd.h>
#include "../internal.h"

/* ids: PM_GETPID's answer into *OUT. Returns 0, or -1 with errno. */
static int ids(struct mess_pm_ids *out)
{
	message m = { 0 };
	long r = __libc_call(PM_EP, PM_GETPID, &m);
	if (r < 0)
		return (int) __libc_ret(r);
	*out = m.u.pm_ids;
	return 0;
}

/* getpid: the caller's process id (-1 with errno if PM cannot answer):
 * PM_GETPID's reply code. The request has no payload (PM reads none), so
 * the message is not cleared first. */
pid_t getpid(void)
{
	message m;
	return (pid_t) __libc_ret(__libc_call(PM_EP, PM_GETPID, &m));
}

/* getppid: the parent's process id. */
pid_t getppid(void)
{
	struct mess_pm_ids id;
	return ids(&id) < 0 ? -1 : id.ppid;
}

/* getpgrp: the caller's process group. */
pid_t getpgrp(void)
{
	struct mess_pm_ids id;
	return ids(&id) < 0 ? -1 : id.pgid;
}

/* setpgid: put process PID (0: the caller) into group PGID (0: a group of
 * its own, numbered PID). Returns 0, or -1 with errno (ESRCH, EPERM,
 * EINVAL). */
int setpgid(pid_t pid, pid_t pgid)
{
	message m = { 0 };
	m.u.pm_setpgid.pid = pid;
	m.u.pm_setpgid.pgid = pgid;
	return (int) __libc_ret(__libc_call(PM_EP, PM_SETPGID, &m));
}

/* setsid: make the caller the leader of a new session and group. Returns
 * the new session id (= the caller's pid), or -1 with errno (EPERM). */
pid_t setsid(void)
{
	message m = { 0 };
	return (pid_t) __libc_ret(__libc_call(PM_EP, PM_SETSID, &m));
}
