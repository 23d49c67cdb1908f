/* SYS_KILL: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_kill(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
