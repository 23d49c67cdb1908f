/* SYS_KILL: send a signal to a process, through its signal manager.
 *
 * Reads:  kc_kill.endpoint, kc_kill.sig (1-31)
 * Writes: nothing
 * Reply:  0, -EINVAL (bad signal or endpoint, or SIGKEXIT), -EDEADSRCDST.
 * With a manager, the target stops with the signal pending and the manager
 * is notified (it decides); without one, the kernel's default applies:
 * SIGCHLD and SIGCONT are ignored, anything else ends the target. */
#include "kernel.h"
#include <abi/errno.h>

int do_kill(struct proc *caller, message *m)
{
	int sig = m->u.kc_kill.sig;
	struct proc *p;
	if (sig <= 0 || sig >= NSIG || sig == SIGKEXIT)
		return -EINVAL;
	int r = proc_lookup(caller, m->u.kc_kill.endpoint, &p);
	if (r != 0)
		return r;
	signal_raise(p, sig);
	return p == caller && !p->in_use ? EDONTREPLY : 0;
}
