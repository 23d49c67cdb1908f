/* PM_WAITPID: a parent collects the status of a child that ended. */
#include <string.h>
#include "pm.h"

/* matches: whether a child with PID in group PGID is what PARENT's wait
 * for WPID (> 0 that child, -1 any, 0 own group, < -1 group -WPID) is
 * about. */
static int matches(const struct mproc *parent, int wpid, int pid, int pgid)
{
	if (wpid > 0)
		return pid == wpid;
	if (wpid == -1)
		return 1;
	if (wpid == 0)
		return pgid == parent->pgid;
	return pgid == -wpid;
}

/* put_status: write STATUS to EP's int at ADDR (0: nowhere). 0 or
 * -EFAULT. */
static int put_status(endpoint_t ep, vir_bytes addr, int32_t status)
{
	if (!addr)
		return 0;
	return sys_vircopy(SELF, (vir_bytes) &status, ep, addr,
	    sizeof(status)) != 0 ? -EFAULT : 0;
}

/* do_waitpid: PM_WAITPID from any process.
 * Reads:  pm_waitpid.pid, .options (WNOHANG), .status_addr (0, or the
 *         caller's int for the status: PM writes it, so libc never does)
 * Writes: pm_waitpid.status (the child's wait status)
 * Reply:  the pid of a child that ended (its zombie is gone then); 0 with
 *         WNOHANG when matching children live but none ended; -ECHILD when
 *         no child matches; -EINVAL for unknown options; -EFAULT when
 *         .status_addr cannot be written (checked before waiting; a
 *         zombie stays for the next wait); -EINTR when a caught signal
 *         interrupts the wait. Otherwise the caller waits (no reply now)
 *         until a matching child ends. */
int do_waitpid(message *m)
{
	struct mess_pm_waitpid *x = &m->u.pm_waitpid;
	struct mproc *mp = mproc_find(m->m_source);
	if (x->options & ~WNOHANG)
		return -EINVAL;
	for (int i = 0; i < PM_NR_ZOMBIES; i++) {
		struct zombie *z = &zombies[i];
		if (z->pid && z->ppid == mp->pid &&
		    matches(mp, x->pid, z->pid, z->pgid)) {
			int pid = z->pid;
			if (put_status(mp->ep, x->status_addr, z->status) != 0)
				return -EFAULT;
			x->status = z->status;
			z->pid = 0;
			return pid;
		}
	}
	int live = 0;
	for (int i = 0; i < PM_NR_PROCS; i++)
		if (mproc[i].flags && mproc[i].ppid == mp->pid &&
		    matches(mp, x->pid, mproc[i].pid, mproc[i].pgid))
			live = 1;
	if (!live)
		return -ECHILD;
	if (put_status(mp->ep, x->status_addr, 0) != 0)
		return -EFAULT;
	if (x->options & WNOHANG) {
		x->status = 0;
		return 0;
	}
	mp->flags |= MP_WAITING;
	mp->wait_pid = x->pid;
	mp->wait_status = x->status_addr;
	return NO_REPLY;
}

/* wait_check_parent: see pm.h. */
int wait_check_parent(struct zombie *z)
{
	struct mproc *parent = mproc_by_pid(z->ppid);
	if (!parent || !(parent->flags & MP_WAITING) ||
	    !matches(parent, parent->wait_pid, z->pid, z->pgid))
		return 0;
	message reply;
	memset(&reply, 0, sizeof(reply));
	reply.u.pm_waitpid.status = z->status;
	parent->flags &= ~MP_WAITING;
	if (put_status(parent->ep, parent->wait_status, z->status) != 0) {
		pm_reply(parent->ep, -EFAULT, &reply);   /* the zombie stays */
		return 0;
	}
	pm_reply(parent->ep, z->pid, &reply);
	z->pid = 0;
	return 1;
}
