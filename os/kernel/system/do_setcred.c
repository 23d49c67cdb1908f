/* SYS_SETCRED: set the credentials the kernel keeps for a process.
 *
 * Reads:  kc_setcred.endpoint (SELF, or a process the caller manages),
 *         kc_setcred.cred
 * Writes: nothing
 * Reply:  0, -EINVAL (bad endpoint), -EDEADSRCDST (no such process),
 *         -EPERM (the caller is not its signal manager).
 * The kernel never acts on credentials: it keeps PM's decision where every
 * server can read it (GET_PROC) without asking PM. Only PM holds this
 * call, and even PM may set them only for the user processes it manages. */
#include "kernel.h"
#include <abi/errno.h>

int do_setcred(struct proc *caller, message *m)
{
	struct mess_kc_setcred *x = &m->u.kc_setcred;
	struct proc *p = caller;
	if (x->endpoint != SELF && x->endpoint != caller->endpoint) {
		int r = proc_lookup(caller, x->endpoint, &p);
		if (r != 0)
			return r;
		if (p->priv.sig_mgr != caller->endpoint)
			return -EPERM;
	}
	p->cred = x->cred;
	return 0;
}
