/* SYS_CLEAR: free the slot of a process (exited, or to be removed now).
 *
 * Reads:  kc_proc.endpoint
 * Writes: nothing
 * Reply:  0, -EINVAL (bad endpoint, or the caller itself), -EDEADSRCDST
 *         (no such process), -EPERM (the caller is not its signal manager).
 * Works on exited processes too (that is how a manager reaps them). */
#include "kernel.h"
#include <abi/errno.h>

int do_clear(struct proc *caller, message *m)
{
	endpoint_t ep = m->u.kc_proc.endpoint;
	if (ep == SELF || ep == caller->endpoint)
		return -EINVAL;
	if (ep < 0 || ep_slot(ep) >= NR_PROCS)
		return -EINVAL;
	struct proc *p = &proc_table[ep_slot(ep)];
	if (!p->in_use || p->endpoint != ep)
		return -EDEADSRCDST;
	if (p->priv.sig_mgr != caller->endpoint)
		return -EPERM;
	proc_free(p);
	return 0;
}
