/* Process identity: PM_GETPID, and process groups and sessions
 * (PM_SETPGID, PM_SETSID). */
#include "pm.h"

/* do_getpid: PM_GETPID from any process.
 * Reads:  nothing
 * Writes: pm_ids.pid, .ppid, .pgid
 * Reply:  the caller's pid. */
int do_getpid(message *m)
{
	struct mproc *mp = mproc_find(m->m_source);
	m->u.pm_ids.pid = mp->pid;
	m->u.pm_ids.ppid = mp->ppid;
	m->u.pm_ids.pgid = mp->pgid;
	return mp->pid;
}

/* do_setpgid: PM_SETPGID from any process (POSIX setpgid).
 * Reads:  pm_setpgid.pid (0: the caller), .pgid (0: = that pid)
 * Writes: nothing
 * Reply:  0; -EINVAL for a negative argument; -ESRCH when the process is
 *         neither the caller nor a child of it; -EPERM for a system
 *         process, a session leader, a child in another session or of
 *         another user (one the caller may not signal: a set-user-id
 *         child), or a group that does not exist in the caller's
 *         session. */
int do_setpgid(message *m)
{
	struct mproc *mp = mproc_find(m->m_source);
	int pid = m->u.pm_setpgid.pid, pgid = m->u.pm_setpgid.pgid;
	if (pid < 0 || pgid < 0)
		return -EINVAL;
	if (pid == 0)
		pid = mp->pid;
	if (pgid == 0)
		pgid = pid;
	struct mproc *t = mproc_by_pid(pid);
	if (!t || (t != mp && t->ppid != mp->pid))
		return -ESRCH;
	if (!mproc_is_user(t) || t->sid != mp->sid || t->pid == t->sid ||
	    !cred_may_signal(mp, t))
		return -EPERM;
	if (pgid != t->pid) {
		int found = 0;
		for (int i = 0; i < PM_NR_PROCS; i++)
			if (mproc[i].flags && mproc[i].pgid == pgid &&
			    mproc[i].sid == mp->sid)
				found = 1;
		if (!found)
			return -EPERM;
	}
	t->pgid = pgid;
	return 0;
}

/* do_setsid: PM_SETSID from a user process (POSIX setsid).
 * Reads:  nothing
 * Writes: nothing
 * Reply:  the new session id (= the caller's pid, also its new group);
 *         -EPERM when the caller leads a process group already (or a group
 *         with its pid exists) or is a system process. */
int do_setsid(message *m)
{
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp) || mp->pgid == mp->pid || group_exists(mp->pid))
		return -EPERM;
	mp->sid = mp->pgid = mp->pid;
	return mp->pid;
}
