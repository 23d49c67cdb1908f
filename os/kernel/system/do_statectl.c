/* SYS_STATECTL: stop, resume, or clear the IPC state around a process.
 *
 * Reads:  kc_statectl.request, kc_statectl.endpoint (STOP, RESUME)
 * Writes: nothing
 * Reply:  0, -EINVAL, -EDEADSRCDST, -EPERM (STOP/RESUME: not the target's
 *         manager; the caller may not stop itself).
 * STATECTL_STOP: the process runs no more until RESUME; its IPC state
 * (queued senders, pending notifications, a blocked receive) is kept.
 * STATECTL_CLEAR_IPC: every process waiting for a reply from the caller
 * (the receive half of a sendrec) fails with -EDEADSRCDST: a restarted
 * server will never answer requests taken by its earlier instance. */
#include "kernel.h"
#include <abi/errno.h>

int do_statectl(struct proc *caller, message *m)
{
	struct mess_kc_statectl *x = &m->u.kc_statectl;
	struct proc *p;
	int r;

	switch (x->request) {
	case STATECTL_STOP:
	case STATECTL_RESUME:
		r = system_managed_target(caller, x->endpoint, &p);
		if (r != 0)
			return r;
		if (p == caller)
			return -EINVAL;
		if (x->request == STATECTL_STOP)
			proc_block(p, RTS_STOPPED);
		else
			proc_unblock(p, RTS_STOPPED);
		return 0;
	case STATECTL_CLEAR_IPC:
		ipc_fail_reply_waiters(caller);
		return 0;
	default:
		return -EINVAL;
	}
}
