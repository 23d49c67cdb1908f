/* SYS_EXIT: the calling process ends.
 *
 * Reads:  kc_exit.status
 * Writes: nothing
 * Reply:  none (EDONTREPLY): the caller no longer exists. */
#include "kernel.h"
#include <abi/errno.h>

int do_exit(struct proc *caller, message *m)
{
	proc_exit(caller, m->u.kc_exit.status);
	return EDONTREPLY;
}
