/* PM_FORK: a new process, a copy of the caller. */
#include <string.h>
#include "pm.h"

/* do_fork: PM_FORK from any process PM may fork (a user process, or a
 * system process that made PM its signal manager).
 * Reads:  nothing
 * Writes: nothing (the reply code is the result)
 * Reply:  the child's pid to the parent, 0 to the child; -EAGAIN when no
 *         slot or pid is free (for a caller that is not root, the last
 *         PM_ROOT_RESERVE are root's), -ENOMEM when memory runs out, -EPERM when
 *         PM does not manage the caller (the kernel refuses the copy).
 * The kernel copies the address space and leaves the child waiting for
 * PM's reply like its parent. The child inherits the process group,
 * session, credentials (mirrored into the kernel with its own pid),
 * signal actions and mask; not pending signals or alarms. VFS copies the
 * descriptors, MM the memory record. */
int do_fork(message *m)
{
	struct mproc *parent = mproc_find(m->m_source);
	if (!pm_user_room(parent))
		return -EAGAIN;
	int pid = pid_alloc();
	if (pid < 0)
		return -EAGAIN;
	endpoint_t ep;
	int r = sys_fork_proc(m->m_source, 0, &ep);
	if (r != 0)
		return r;

	struct mproc *child = mproc_new(ep, pid, 0);
	child->ppid = parent->pid;
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->cred = parent->cred;
	if (mproc_is_user(parent)) {
		memcpy(child->act, parent->act, sizeof(child->act));
		child->mask = parent->mask;
		child->trampoline = parent->trampoline;
	}

	if ((r = cred_sync(child)) != 0) {
		child->flags = 0;
		sys_clear(ep);
		return -EAGAIN;
	}
	if ((r = pm_mm(MM_PM_FORK, ep, m->m_source)) != 0 ||
	    (r = pm_vfs(VFS_PM_FORK, ep, m->m_source, pid)) != 0) {
		pm_mm(MM_PM_EXIT, ep, NONE);
		child->flags = 0;
		sys_clear(ep);
		return r == -ENOMEM ? -ENOMEM : -EAGAIN;
	}

	message reply;
	memset(&reply, 0, sizeof(reply));
	pm_reply(ep, 0, &reply);
	return pid;
}
