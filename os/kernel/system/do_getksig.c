/* SYS_GETKSIG: for a signal manager, the next process it manages that has
 * pending signals.
 *
 * Reads:  nothing
 * Writes: kc_getksig.endpoint (NONE when there is none), .sigs (cleared in
 *         the process), .exit_status (meaningful with SIGKEXIT)
 * Reply:  0. The process stays stopped (or exited) until the manager calls
 *         SYS_ENDKSIG (resume) or SYS_CLEAR (remove). */
#include "kernel.h"
#include <abi/errno.h>

int do_getksig(struct proc *caller, message *m)
{
	struct mess_kc_getksig *x = &m->u.kc_getksig;
	x->endpoint = NONE;
	x->sigs = 0;
	x->exit_status = 0;
	for (int i = 0; i < NR_PROCS; i++) {
		struct proc *p = &proc_table[i];
		if (!p->in_use || p->sig_pending == 0 ||
		    p->priv.sig_mgr != caller->endpoint)
			continue;
		x->endpoint = p->endpoint;
		x->sigs = p->sig_pending;
		x->exit_status = p->exit_status;
		p->sig_pending = 0;
		break;
	}
	return 0;
}
