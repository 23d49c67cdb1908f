/* SYS_FORK: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_fork(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
