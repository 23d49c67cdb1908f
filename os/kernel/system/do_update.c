/* SYS_UPDATE: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_update(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
