/* SYS_STATECTL: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_statectl(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
