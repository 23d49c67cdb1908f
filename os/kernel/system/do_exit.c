/* SYS_EXIT: the calling process ends.
 *
 * Reads:  kc_exit.status
 * Writes: nothing
 * Reply:  none (EDONTREPLY). With a signal manager the process stays as
 *         EXITED until the manager collects SIGKEXIT and clears the slot. */
#include "kernel.h"
#include <abi/errno.h>

int do_exit(struct proc *caller, message *m)
{
	proc_exit(caller, m->u.kc_exit.status);
	return EDONTREPLY;
}
