/* SYS_ENDKSIG: a signal manager is done with a process's signals; the
 * process may run again (unless it exited or is stopped otherwise).
 *
 * Reads:  kc_proc.endpoint
 * Writes: nothing
 * Reply:  0, -EINVAL, -EDEADSRCDST, -EPERM (not its manager). */
#include "kernel.h"
#include <abi/errno.h>

int do_endksig(struct proc *caller, message *m)
{
	struct proc *p;
	int r = proc_lookup(caller, m->u.kc_proc.endpoint, &p);
	if (r != 0)
		return r;
	if (p->priv.sig_mgr != caller->endpoint)
		return -EPERM;
	if (p->sig_pending == 0)
		proc_unblock(p, RTS_SIGNALED);
	return 0;
}
